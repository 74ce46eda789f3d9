-- Couples and what they keep together, as the two partners read them. One processing group ("couples", one
-- segment) writes all of these tables in the event store's order.
CREATE TABLE couple (
    couple_id       VARCHAR(36) PRIMARY KEY,
    inviter_id      VARCHAR(36) NOT NULL,
    invitee_id      VARCHAR(36) NOT NULL,
    started_on      DATE        NOT NULL,
    linked_at       TIMESTAMPTZ NOT NULL,
    disconnected_at TIMESTAMPTZ,
    last_sequence   BIGINT      NOT NULL
);
CREATE INDEX couple_inviter_active ON couple (inviter_id) WHERE disconnected_at IS NULL;
CREATE INDEX couple_invitee_active ON couple (invitee_id) WHERE disconnected_at IS NULL;

CREATE TABLE couple_anniversary (
    anniversary_id   VARCHAR(36)  PRIMARY KEY,
    couple_id        VARCHAR(36)  NOT NULL,
    title            VARCHAR(100) NOT NULL,
    anniversary_date DATE         NOT NULL,
    yearly           BOOLEAN      NOT NULL,
    last_sequence    BIGINT       NOT NULL
);
CREATE INDEX couple_anniversary_couple ON couple_anniversary (couple_id);

CREATE TABLE couple_plan (
    plan_id       VARCHAR(36)  PRIMARY KEY,
    couple_id     VARCHAR(36)  NOT NULL,
    title         VARCHAR(100) NOT NULL,
    place         VARCHAR(200),
    plan_time     TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(36)  NOT NULL,
    last_sequence BIGINT       NOT NULL
);
CREATE INDEX couple_plan_couple_time ON couple_plan (couple_id, plan_time, plan_id);

CREATE TABLE couple_calendar_entry (
    entry_id      VARCHAR(36)   PRIMARY KEY,
    couple_id     VARCHAR(36)   NOT NULL,
    entry_date    DATE          NOT NULL,
    title         VARCHAR(100)  NOT NULL,
    content       VARCHAR(2000),
    image_ids     JSONB         NOT NULL,
    created_by    VARCHAR(36)   NOT NULL,
    last_sequence BIGINT        NOT NULL
);
CREATE INDEX couple_calendar_entry_couple_date ON couple_calendar_entry (couple_id, entry_date, entry_id);

-- Who besides its owner may download a file: a user id, or '*' for every signed-in user. Each grant names its
-- source (such as 'calendar/<entry id>'), so the feature that gave it takes back exactly its own grants.
CREATE TABLE file_grant (
    file_id VARCHAR(36)  NOT NULL,
    grantee VARCHAR(36)  NOT NULL,
    source  VARCHAR(100) NOT NULL DEFAULT '',
    PRIMARY KEY (file_id, grantee, source)
);
CREATE INDEX file_grant_source ON file_grant (source);
