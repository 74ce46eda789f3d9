-- The audit trail (README "Audit trail"). Every side migrates these tables into its own schema; in services mode all
-- sides use the ones of tandem.operations.schema, like the other operations tables.

-- One row per stored event, written by the audit-event-index processor from the event stream, so it works the same
-- with events in PostgreSQL or in Axon Server (whose metadata cannot be queried, and the JDBC store's bytea neither).
CREATE TABLE audit_event_index (
    -- the event's position in the global stream: globalindex of domainevententry, Axon Server's token
    global_position        BIGINT       PRIMARY KEY,
    event_id               VARCHAR(255) NOT NULL,
    aggregate_type         VARCHAR(255),
    aggregate_id           VARCHAR(255),
    sequence_number        BIGINT,
    -- the payload class's simple name (what people search for) and its full name
    event_type             VARCHAR(255) NOT NULL,
    payload_type           VARCHAR(255) NOT NULL,
    occurred_at            TIMESTAMPTZ  NOT NULL,
    -- the metadata keys of platform's AuditMetadata that tie events into requests and chains of cause
    user_id                VARCHAR(255),
    correlation_id         VARCHAR(255),
    causation_id           VARCHAR(255),
    causation_type         VARCHAR(255),
    command_causation_id   VARCHAR(255),
    command_causation_type VARCHAR(255),
    -- the saga that sent the event's command (or the event), as "<SagaType> <sagaId>"
    causation_saga         VARCHAR(255)
);
CREATE UNIQUE INDEX audit_event_index_event ON audit_event_index (event_id);
CREATE INDEX audit_event_index_correlation ON audit_event_index (correlation_id, global_position);
CREATE INDEX audit_event_index_aggregate ON audit_event_index (aggregate_id, sequence_number);
CREATE INDEX audit_event_index_type ON audit_event_index (event_type, global_position);
CREATE INDEX audit_event_index_aggregate_type ON audit_event_index (aggregate_type, global_position);
CREATE INDEX audit_event_index_user ON audit_event_index (user_id, global_position);
CREATE INDEX audit_event_index_time ON audit_event_index (occurred_at);

-- The hash chain over the stored events: h_i = SHA-256(h_(i-1) || the event's stored fields), see the README for the
-- exact bytes. One link per chained event, in global order, kept a beat behind the head by the chain keeper.
CREATE TABLE audit_chain (
    global_position BIGINT PRIMARY KEY,
    hash            BYTEA  NOT NULL
);

-- The newest link; its row lock is what lets one node at a time extend the chain.
CREATE TABLE audit_chain_head (
    id              SMALLINT    PRIMARY KEY CHECK (id = 1),
    global_position BIGINT,
    hash            BYTEA       NOT NULL,
    links           BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
INSERT INTO audit_chain_head (id, global_position, hash, links, updated_at)
VALUES (1, NULL, decode(repeat('00', 32), 'hex'), 0, now());

-- Anchors: links published outside the database (the log, and S3 when configured) so a rewritten chain shows.
CREATE TABLE audit_anchor (
    global_position BIGINT      PRIMARY KEY,
    hash            BYTEA       NOT NULL,
    links           BIGINT      NOT NULL,
    anchored_at     TIMESTAMPTZ NOT NULL
);

-- Sagas are found by association value alone (a booking number, say); Axon's own index starts with the saga type.
CREATE INDEX IF NOT EXISTS associationvalueentry_value ON associationvalueentry (associationvalue);
