-- Chat history per couple, newest first by keyset, and how far each partner has read.
CREATE TABLE chat_message (
    message_id   VARCHAR(36) PRIMARY KEY,
    couple_id    VARCHAR(36) NOT NULL,
    sender_id    VARCHAR(36) NOT NULL,
    recipient_id VARCHAR(36) NOT NULL,
    text         TEXT,
    file_id      VARCHAR(64),
    sent_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX chat_message_history ON chat_message (couple_id, sent_at DESC, message_id DESC);

CREATE TABLE chat_read_marker (
    couple_id       VARCHAR(36) NOT NULL,
    reader_id       VARCHAR(36) NOT NULL,
    message_id      VARCHAR(36) NOT NULL,
    message_sent_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (couple_id, reader_id)
);
