-- Blue/green projection rebuilds (README "Projection rebuilds"): a shadow processor, running the projection's own
-- handlers, builds a new version of its tables in a schema of its own while the live version serves; it is
-- verified against the live tables and swapped in by moving tables between schemas in one transaction. The rebuild's
-- schema then keeps the previous version for a rollback, until it is dropped.
CREATE TABLE ops_rebuild (
    rebuild_id         VARCHAR(64)   PRIMARY KEY,
    -- the projection's processor (its processing group)
    projection         VARCHAR(255)  NOT NULL,
    -- the tables the projection writes, as declared in tandem.operations.rebuilds.projections
    tables             VARCHAR(2000) NOT NULL,
    -- the processor that builds the new version, and the schema that holds the version not in use
    shadow_processor   VARCHAR(255)  NOT NULL UNIQUE,
    shadow_schema      VARCHAR(63)   NOT NULL UNIQUE,
    -- the schema of the live tables: the side's own, set when the shadow tables are created
    live_schema        VARCHAR(255),
    verify_only        BOOLEAN       NOT NULL,
    auto_switch        BOOLEAN       NOT NULL,
    state              VARCHAR(32)   NOT NULL CHECK (state IN ('REQUESTED', 'BUILDING', 'PAUSING', 'DRAINING',
                                                              'VERIFYING', 'VERIFIED', 'SWITCHING', 'SWITCHED',
                                                              'ROLLING_BACK', 'ROLLED_BACK', 'DISCARDING',
                                                              'DROPPING', 'DONE', 'DROPPED', 'FAILED')),
    reason             VARCHAR(1000) NOT NULL,
    requested_by       VARCHAR(255)  NOT NULL,
    requested_at       TIMESTAMPTZ   NOT NULL,
    -- the operator log's actions: the rebuild itself (finished once verified), then a switch, a rollback, a drop
    action_id          VARCHAR(64)   NOT NULL,
    switch_action_id   VARCHAR(64),
    rollback_action_id VARCHAR(64),
    drop_action_id     VARCHAR(64),
    -- the live processor is paused by this rebuild (to compare at one position, and to swap)
    live_paused        BOOLEAN       NOT NULL DEFAULT FALSE,
    pause_version      BIGINT,
    -- the shadow reads no event past this position while the live processor is held for the comparison
    bound_position     BIGINT,
    first_position     BIGINT,
    head_at_start      BIGINT,
    -- rows counted and compared per table: counts, differing rows, examples by key
    verification       JSONB,
    lease_owner        VARCHAR(255),
    lease_until        TIMESTAMPTZ,
    waiting_for        VARCHAR(1000),
    error              VARCHAR(2000),
    state_changed_at   TIMESTAMPTZ   NOT NULL,
    caught_up_at       TIMESTAMPTZ,
    verified_at        TIMESTAMPTZ,
    switched_at        TIMESTAMPTZ,
    rolled_back_at     TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ
);
-- one rebuild per projection until it is done or dropped: a retained previous version is dropped first
CREATE UNIQUE INDEX ops_rebuild_one_holding ON ops_rebuild (projection) WHERE state NOT IN ('DONE', 'DROPPED');
CREATE INDEX ops_rebuild_projection ON ops_rebuild (projection, requested_at DESC);

-- The live processor's tokens when the new version was switched in, so a rollback resumes the previous version's
-- tables where they stopped.
CREATE TABLE ops_rebuild_token (
    rebuild_id VARCHAR(64)  NOT NULL REFERENCES ops_rebuild (rebuild_id) ON DELETE CASCADE,
    segment    INTEGER      NOT NULL,
    token      BYTEA,
    tokentype  VARCHAR(255),
    PRIMARY KEY (rebuild_id, segment)
);

-- Where the shadow processor stood while catching up, for its speed and ETA over a sliding window.
CREATE TABLE ops_rebuild_sample (
    rebuild_id VARCHAR(64) NOT NULL REFERENCES ops_rebuild (rebuild_id) ON DELETE CASCADE,
    sampled_at TIMESTAMPTZ NOT NULL,
    position   BIGINT      NOT NULL,
    PRIMARY KEY (rebuild_id, sampled_at)
);
