-- Coordinated replays (README "Operations console"): what each processor's handlers are, so any node can plan a
-- replay of a processor it does not run, and the replay plans every node works on through leases.

-- A processor's handlers as the nodes that run it describe them when they start.
CREATE TABLE ops_processor_anatomy (
    processor      VARCHAR(255) PRIMARY KEY,
    side           VARCHAR(64)  NOT NULL,
    -- shared: tokens in tokenentry; node: tokens in memory on every node (never replayed)
    token_store    VARCHAR(32)  NOT NULL,
    -- the schema of its tokenentry and deadletterentry
    token_schema   VARCHAR(255) NOT NULL,
    -- the saga class when it is a saga processor (never replayed)
    saga_type      VARCHAR(255),
    -- Axon refuses to reset a processor whose handlers all disallow replay
    supports_reset BOOLEAN      NOT NULL,
    -- per handler class: type, payload types it handles, handlers skipped on replay, side effect, reset handler
    handlers       JSONB        NOT NULL,
    reported_by    VARCHAR(255) NOT NULL,
    reported_at    TIMESTAMPTZ  NOT NULL
);

-- A replay plan: requested -> pausing -> waiting for released claims -> resetting -> starting -> replaying -> done
-- (or failed). Whichever node runs the processor and holds the lease advances it; a node that dies stops renewing
-- its lease and another one takes over where the plan stands.
CREATE TABLE ops_replay (
    replay_id            VARCHAR(64)   PRIMARY KEY,
    processor            VARCHAR(255)  NOT NULL,
    token_schema         VARCHAR(255)  NOT NULL,
    state                VARCHAR(32)   NOT NULL CHECK (state IN ('REQUESTED', 'PAUSING', 'WAITING_FOR_RELEASE',
                                                                 'RESETTING', 'STARTING', 'REPLAYING', 'DONE',
                                                                 'FAILED')),
    -- tail, head, a timestamp or a global position, as asked
    from_kind            VARCHAR(16)   NOT NULL CHECK (from_kind IN ('TAIL', 'HEAD', 'TIMESTAMP', 'POSITION')),
    from_value           VARCHAR(64),
    forced               BOOLEAN       NOT NULL,
    reason               VARCHAR(1000) NOT NULL,
    requested_by         VARCHAR(255)  NOT NULL,
    requested_at         TIMESTAMPTZ   NOT NULL,
    -- the operator log's action, finished when the plan ends
    action_id            VARCHAR(64)   NOT NULL,
    -- a client's key: asking again with it answers this plan instead of starting another
    idempotency_key      VARCHAR(255)  UNIQUE,
    -- the control versions the plan asked for: every node acknowledges the pause before the reset
    pause_version        BIGINT,
    resume_version       BIGINT,
    -- set by the reset: the position before the first replayed event, and the head then
    start_position       BIGINT,
    head_at_reset        BIGINT,
    dead_letters_cleared BIGINT,
    lease_owner          VARCHAR(255),
    lease_until          TIMESTAMPTZ,
    -- what the current step waits for, in words
    waiting_for          VARCHAR(1000),
    error                VARCHAR(2000),
    state_changed_at     TIMESTAMPTZ   NOT NULL,
    replaying_since      TIMESTAMPTZ,
    finished_at          TIMESTAMPTZ,
    -- once done: how far the replay went, summed over segments, for later estimates
    replayed_positions   BIGINT
);
-- one replay at a time per processor
CREATE UNIQUE INDEX ops_replay_one_active ON ops_replay (processor) WHERE state NOT IN ('DONE', 'FAILED');
CREATE INDEX ops_replay_processor ON ops_replay (processor, requested_at DESC);

-- Which node took each step, so operators (and tests) see a plan move between nodes.
CREATE TABLE ops_replay_transition (
    replay_id VARCHAR(64)  NOT NULL REFERENCES ops_replay (replay_id) ON DELETE CASCADE,
    at        TIMESTAMPTZ  NOT NULL,
    state     VARCHAR(32)  NOT NULL,
    node_id   VARCHAR(255) NOT NULL,
    PRIMARY KEY (replay_id, at, state)
);

-- Progress samples while replaying, for the speed and ETA over a sliding window: positions covered and left,
-- summed over segments.
CREATE TABLE ops_replay_sample (
    replay_id  VARCHAR(64) NOT NULL REFERENCES ops_replay (replay_id) ON DELETE CASCADE,
    sampled_at TIMESTAMPTZ NOT NULL,
    covered    BIGINT      NOT NULL,
    remaining  BIGINT      NOT NULL,
    segments   INTEGER     NOT NULL,
    PRIMARY KEY (replay_id, sampled_at)
);
