-- The operator log (README "Operations console"): every action an operator took, projected from the events of the
-- OperatorAction aggregate by the operator-log processor. Like the other operations tables it lives in the schema
-- tandem.operations.schema names, so every node lists the same log.
CREATE TABLE ops_operator_log (
    action_id      VARCHAR(64)   PRIMARY KEY,
    -- pause, resume, replay, rebuild, switch, rollback, retry, evict, deadline-change, ...
    action         VARCHAR(64)   NOT NULL,
    -- what it was done to: a processor, a projection, a dead-letter sequence
    target         VARCHAR(255)  NOT NULL,
    -- the operator's user id, or node:<pid@host> for what a node did on its own
    actor_id       VARCHAR(255)  NOT NULL,
    -- null when no request carried the action, and once the operator is erased
    client_address VARCHAR(255),
    parameters     JSONB         NOT NULL,
    reason         VARCHAR(1000) NOT NULL,
    outcome        VARCHAR(16)   NOT NULL CHECK (outcome IN ('PENDING', 'SUCCEEDED', 'REFUSED', 'FAILED')),
    detail         VARCHAR(2000),
    started_at     TIMESTAMPTZ   NOT NULL,
    finished_at    TIMESTAMPTZ,
    duration_ms    BIGINT
);
-- newest first, and within one filter newest first
CREATE INDEX ops_operator_log_started ON ops_operator_log (started_at DESC, action_id DESC);
CREATE INDEX ops_operator_log_target ON ops_operator_log (target, started_at DESC);
CREATE INDEX ops_operator_log_actor ON ops_operator_log (actor_id, started_at DESC);
