-- The operations console (README "Operations console"). Every node reports itself here and watches what operators
-- asked of its processors, so any node answers for the whole cluster without calling another node.
-- Every side migrates these tables into its own schema; in services mode all sides point tandem.operations.schema
-- at one of them (docker-compose: the command side's), as they do with the personal-data key table.

-- A node that runs event processors: where its side keeps tokens and dead letters, and when it last reported.
CREATE TABLE ops_node (
    -- the token store's owner name (pid@host), so tokenentry.owner names the same node
    node_id      VARCHAR(255) PRIMARY KEY,
    sides        VARCHAR(255) NOT NULL,
    -- the schema of this node's tokenentry and deadletterentry tables
    token_schema VARCHAR(255) NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    last_seen    TIMESTAMPTZ  NOT NULL
);

-- What a node's processors say of themselves: Axon's processingStatus() covers the local node only.
CREATE TABLE ops_processor_heartbeat (
    node_id     VARCHAR(255) NOT NULL REFERENCES ops_node (node_id) ON DELETE CASCADE,
    processor   VARCHAR(255) NOT NULL,
    side        VARCHAR(64)  NOT NULL,
    mode        VARCHAR(32)  NOT NULL,
    -- shared: tokens in tokenentry, each segment claimed by one node; node: tokens in memory, every node runs all
    token_store VARCHAR(32)  NOT NULL,
    running     BOOLEAN      NOT NULL,
    error       BOOLEAN      NOT NULL,
    -- per claimed segment: segment, position, caught_up, replaying, reset_position, error_type, error_message,
    -- events_per_second, moved_at
    segments    JSONB        NOT NULL,
    reported_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (node_id, processor)
);

-- What operators want of a processor on every node. Each node's watcher applies it to its own processor, including a
-- node that starts later, and acknowledges the version it applied below.
CREATE TABLE ops_processor_control (
    processor    VARCHAR(255)  PRIMARY KEY,
    state        VARCHAR(32)   NOT NULL CHECK (state IN ('RUNNING', 'PAUSED')),
    version      BIGINT        NOT NULL,
    reason       VARCHAR(1000) NOT NULL,
    requested_by VARCHAR(255)  NOT NULL,
    requested_at TIMESTAMPTZ   NOT NULL
);

-- The control version each node last applied to its processor, and whether applying it failed.
CREATE TABLE ops_processor_control_ack (
    node_id    VARCHAR(255)  NOT NULL,
    processor  VARCHAR(255)  NOT NULL,
    version    BIGINT        NOT NULL,
    state      VARCHAR(32)   NOT NULL,
    applied_at TIMESTAMPTZ   NOT NULL,
    failure    VARCHAR(1000),
    PRIMARY KEY (node_id, processor)
);
