package io.tandem.operations.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.operations.OperationsTables;
import io.tandem.platform.jdbc.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/**
 * What a replay plan waits on, read from the operations tables: the live nodes (heard from within the node
 * timeout), which of them run the processor, and which control version each has applied to it.
 */
class ReplayCluster {

    /**
     * The processor on one live node.
     *
     * @param appliedVersion the control version the node applied to it; null before it applied any
     * @param failure        why applying that version failed, if it did
     */
    record Instance(String nodeId, Long appliedVersion, String appliedState, String failure) {

        boolean applied(long version, String state) {
            return appliedVersion != null && appliedVersion >= version && state.equals(appliedState);
        }
    }

    private static final TypeReference<List<Map<String, Object>>> SEGMENTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final OperationsTables tables;
    private final Duration nodeTimeout;

    ReplayCluster(JdbcClient jdbc, OperationsTables tables, Duration nodeTimeout) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.nodeTimeout = nodeTimeout;
    }

    Set<String> liveNodes() {
        return new HashSet<>(jdbc.sql("SELECT node_id FROM " + tables.table("ops_node")
                                      + " WHERE last_seen >= now() - ?::interval")
                                 .param(nodeTimeout.toMillis() + " milliseconds")
                                 .query(String.class).list());
    }

    /**
     * What a running node last said of the processor's segments it works (its heartbeat): fresher than
     * {@code tokenentry}, where a segment that receives no event stores its position only when it extends its claim.
     *
     * @param reportedAt when the node reported (the database's clock)
     * @param positions  by segment
     */
    record Report(Instant reportedAt, Map<Integer, Long> positions) {
    }

    /** The reports of the live nodes running the processor, by node. */
    Map<String, Report> reports(String processor) {
        Map<String, Report> reports = new HashMap<>();
        jdbc.sql("SELECT h.node_id, h.reported_at, h.segments::text FROM " + tables.table("ops_processor_heartbeat")
                 + " h JOIN " + tables.table("ops_node") + " n ON n.node_id = h.node_id"
                 + " WHERE h.processor = ? AND h.running AND n.last_seen >= now() - ?::interval")
            .params(processor, nodeTimeout.toMillis() + " milliseconds")
            .query(row -> {
                Map<Integer, Long> positions = new HashMap<>();
                for (Map<String, Object> segment : JsonColumns.read(row.getString(3), SEGMENTS)) {
                    if (segment.get("segment") instanceof Number id && segment.get("position") instanceof Number at) {
                        positions.put(id.intValue(), at.longValue());
                    }
                }
                reports.put(row.getString(1), new Report(instant(row, 2), positions));
            });
        return reports;
    }

    List<Instance> liveInstances(String processor) {
        return jdbc.sql("SELECT h.node_id, a.version, a.state, a.failure FROM "
                        + tables.table("ops_processor_heartbeat") + " h JOIN " + tables.table("ops_node")
                        + " n ON n.node_id = h.node_id LEFT JOIN " + tables.table("ops_processor_control_ack")
                        + " a ON a.node_id = h.node_id AND a.processor = h.processor"
                        + " WHERE h.processor = ? AND n.last_seen >= now() - ?::interval ORDER BY h.node_id")
                   .params(processor, nodeTimeout.toMillis() + " milliseconds")
                   .query((row, n) -> new Instance(row.getString(1), row.getObject(2, Long.class),
                                                   row.getString(3), row.getString(4)))
                   .list();
    }
}
