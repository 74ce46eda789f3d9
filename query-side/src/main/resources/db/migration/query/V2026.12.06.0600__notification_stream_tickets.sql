-- Single-use tickets that open a notification stream (a browser's EventSource cannot send the access token in a
-- header, and a URL ends up in logs). Only the SHA-256 of a ticket is kept; a row lives for seconds.
CREATE TABLE notification_stream_ticket (
    ticket_hash      TEXT        PRIMARY KEY,
    user_id          TEXT        NOT NULL,
    token_issued_at  TIMESTAMPTZ,
    token_expires_at TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX notification_stream_ticket_expiry ON notification_stream_ticket (expires_at);
