-- Community posts and their comments as everyone reads them (processing group "community"). last_sequence is the
-- aggregate's sequence number of the last event applied, so a re-delivered or replayed event changes nothing. A
-- deleted post or comment keeps its row, emptied, as a tombstone: a late copy of an older event cannot bring it back.
-- The list of posts and the search come from Elasticsearch (processing group "community-post-search").
CREATE TABLE community_post (
    post_id        VARCHAR(64)  PRIMARY KEY,
    author_id      VARCHAR(64)  NOT NULL,
    title          TEXT         NOT NULL,
    content        TEXT         NOT NULL,
    -- ["file id", ...]
    image_file_ids JSONB        NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    edited_at      TIMESTAMPTZ,
    deleted        BOOLEAN      NOT NULL DEFAULT FALSE,
    last_sequence  BIGINT       NOT NULL
);

-- comment_count is counted from these rows when read, so it is right whatever order posts and comments (different
-- aggregates, possibly different segments) are projected in.
CREATE TABLE community_comment (
    comment_id    VARCHAR(64)  PRIMARY KEY,
    post_id       VARCHAR(64)  NOT NULL,
    author_id     VARCHAR(64)  NOT NULL,
    content       TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    deleted       BOOLEAN      NOT NULL DEFAULT FALSE,
    last_sequence BIGINT       NOT NULL
);
CREATE INDEX community_comment_thread ON community_comment (post_id, created_at, comment_id) WHERE NOT deleted;
