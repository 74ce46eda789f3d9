-- What each user has been told. read_at is set by a single read or by the user's read-all watermark, whichever
-- comes first; the watermark is kept so a notification projected after a read-all (events of different aggregates
-- may be handled in any order) is still read if it was sent before it.
CREATE TABLE notification (
    notification_id VARCHAR(36)  PRIMARY KEY,
    recipient_id    VARCHAR(36)  NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    title           VARCHAR(200) NOT NULL,
    body            TEXT         NOT NULL,
    subject_id      VARCHAR(64),
    sent_at         TIMESTAMPTZ  NOT NULL,
    read_at         TIMESTAMPTZ
);

CREATE INDEX notification_newest ON notification (recipient_id, sent_at DESC, notification_id DESC);
CREATE INDEX notification_unread ON notification (recipient_id, sent_at DESC) WHERE read_at IS NULL;

CREATE TABLE notification_inbox (
    user_id    VARCHAR(36) PRIMARY KEY,
    read_up_to TIMESTAMPTZ NOT NULL
);
