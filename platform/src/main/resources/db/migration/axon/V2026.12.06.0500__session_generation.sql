-- Revocation of access tokens already issued (security review L9): each user's session generation. Access tokens
-- carry the generation they were issued in (claim "gen"); signing out, erasure, a role change or linking Kakao
-- advances it, and every side's resource server refuses tokens of an earlier generation. A user without a row is
-- in generation 0. Every side migrates this table into its own schema; in services mode they all point
-- tandem.security.session-table at one shared table (the command side's), as with personal_data_key.
CREATE TABLE session_generation (
    user_id    VARCHAR(255) PRIMARY KEY,
    generation BIGINT      NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
