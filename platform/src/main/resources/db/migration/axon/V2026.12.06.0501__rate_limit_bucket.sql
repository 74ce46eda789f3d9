-- Rate limits shared by every node of a side (security review M3): one Bucket4j token bucket per limit and client,
-- its state serialized by Bucket4j, locked with SELECT ... FOR UPDATE while it is used. The id is the limit's name
-- and a SHA-256 of the client key (an address, an email, a user id), so no personal data is kept here. Buckets
-- that have refilled completely expire (expires_at, epoch milliseconds) and are removed.
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(128) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
