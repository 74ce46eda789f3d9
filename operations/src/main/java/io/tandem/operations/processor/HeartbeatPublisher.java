package io.tandem.operations.processor;

import io.tandem.operations.node.NodeLoop;
import io.tandem.operations.OperationsProperties;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessors;
import io.tandem.operations.processor.ClusterSnapshot.Heartbeat;
import io.tandem.platform.jdbc.JsonColumns;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Reports this node and its processors' local status to the heartbeat tables every so often, so any node can show
 * the whole cluster. A node that stops cleanly removes itself; one that dies is shown as gone once silent for
 * {@code tandem.operations.node-timeout}, and forgotten after {@code node-retention}.
 */
class HeartbeatPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final LocalNode node;
    private final LocalProcessors processors;
    private final LocalReports reports;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OperationsTables tables;
    private final OperationsProperties properties;
    private final NodeLoop loop;

    HeartbeatPublisher(LocalNode node, LocalProcessors processors, LocalReports reports, JdbcClient jdbc,
                       TransactionTemplate transactions, OperationsTables tables, OperationsProperties properties) {
        this.node = node;
        this.processors = processors;
        this.reports = reports;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tables = tables;
        this.properties = properties;
        this.loop = new NodeLoop("ops-heartbeat", Duration.ZERO, properties.heartbeatInterval(), this::publishQuietly);
    }

    void publish() {
        List<Heartbeat> current = reports.now(Instant.now());
        transactions.executeWithoutResult(tx -> write(current));
    }

    private void write(List<Heartbeat> current) {
        jdbc.sql("INSERT INTO " + tables.table("ops_node")
                 + " (node_id, sides, token_schema, started_at, last_seen) VALUES (?, ?, ?, ?, now())"
                 + " ON CONFLICT (node_id) DO UPDATE SET sides = excluded.sides,"
                 + " token_schema = excluded.token_schema, last_seen = now()")
            .params(node.nodeId(), processors.sides(), node.tokenSchema(), utc(node.startedAt()))
            .update();
        for (Heartbeat report : current) {
            jdbc.sql("INSERT INTO " + tables.table("ops_processor_heartbeat")
                     + " (node_id, processor, side, mode, token_store, running, error, segments, reported_at)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())"
                     + " ON CONFLICT (node_id, processor) DO UPDATE SET side = excluded.side,"
                     + " mode = excluded.mode, token_store = excluded.token_store, running = excluded.running,"
                     + " error = excluded.error, segments = excluded.segments, reported_at = now()")
                .params(node.nodeId(), report.processor(), report.side(), report.mode(), report.tokenStore(),
                        report.running(), report.error(), JsonColumns.write(report.segments()))
                .update();
        }
        jdbc.sql("DELETE FROM " + tables.table("ops_processor_heartbeat")
                 + " WHERE node_id = ? AND NOT (processor = ANY (?))")
            .params(node.nodeId(), current.stream().map(Heartbeat::processor).toArray(String[]::new))
            .update();
        jdbc.sql("DELETE FROM " + tables.table("ops_node") + " WHERE last_seen < now() - ?::interval")
            .param(properties.nodeRetention().toSeconds() + " seconds")
            .update();
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.warn("Could not publish this node's processor heartbeat: {}", e.toString());
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Leaves the board at once instead of after the node timeout. */
    @Override
    public void stop() {
        loop.stop();
        try {
            jdbc.sql("DELETE FROM " + tables.table("ops_node") + " WHERE node_id = ?").param(node.nodeId()).update();
        } catch (RuntimeException e) {
            log.warn("Could not remove this node from the processor board: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** After Axon has started the processors, and stopped before it stops them. */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS + 100;
    }
}
