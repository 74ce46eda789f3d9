package io.tandem.operations.rebuild;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.processor.TokenTable;
import io.tandem.operations.processor.TokenTable.StoredToken;
import io.tandem.platform.jdbc.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a rebuild waits on, read from PostgreSQL: which live nodes have applied a control version to the live
 * processor, who still claims a processor's segments, and where each segment of the shadow stands as its owner
 * reports it (the heartbeat, fresher than the token table) or as its token says.
 */
class RebuildCluster {

    private static final TypeReference<List<Map<String, Object>>> SEGMENTS = new TypeReference<>() {
    };

    /**
     * A segment of a processor.
     *
     * @param position where it stands: the fresher of its token and its live owner's report; null before the first
     * @param caughtUp its live owner reports it has nothing left to read
     */
    record SegmentState(int segment, String owner, Long position, boolean caughtUp) {
    }

    private final JdbcClient jdbc;
    private final OperationsTables tables;
    private final TokenTable tokens;
    private final Duration nodeTimeout;

    RebuildCluster(JdbcClient jdbc, OperationsTables tables, TokenTable tokens, Duration nodeTimeout) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.tokens = tokens;
        this.nodeTimeout = nodeTimeout;
    }

    Set<String> liveNodes() {
        return new HashSet<>(jdbc.sql("SELECT node_id FROM " + tables.table("ops_node")
                                      + " WHERE last_seen >= now() - ?::interval")
                                 .param(interval()).query(String.class).list());
    }

    /** The live nodes running the processor that have not yet applied this control version and state. */
    List<String> notYetApplied(String processor, long version, String state) {
        return jdbc.sql("SELECT h.node_id FROM " + tables.table("ops_processor_heartbeat") + " h JOIN "
                        + tables.table("ops_node") + " n ON n.node_id = h.node_id LEFT JOIN "
                        + tables.table("ops_processor_control_ack")
                        + " a ON a.node_id = h.node_id AND a.processor = h.processor"
                        + " WHERE h.processor = ? AND n.last_seen >= now() - ?::interval"
                        + " AND (a.version IS NULL OR a.version < ? OR a.state <> ?) ORDER BY h.node_id")
                   .params(processor, interval(), version, state).query(String.class).list();
    }

    /** The processor's segments that a live node still claims, in words; empty once all are released. */
    String claimed(String schema, String processor) {
        Set<String> live = liveNodes();
        return tokens.of(schema, processor).stream()
                     .filter(token -> token.owner() != null && live.contains(token.owner()))
                     .map(token -> "segment " + token.segment() + " by " + token.owner())
                     .collect(Collectors.joining(", "));
    }

    List<StoredToken> tokens(String schema, String processor) {
        return tokens.of(schema, processor);
    }

    /** Every segment of the processor in the token table, with its live owner's fresher report. */
    List<SegmentState> segments(String schema, String processor) {
        Map<String, Map<Integer, Map<String, Object>>> reported = reported(processor);
        List<SegmentState> segments = new ArrayList<>();
        for (StoredToken token : tokens.of(schema, processor)) {
            Map<String, Object> report = token.owner() == null ? null
                    : reported.getOrDefault(token.owner(), Map.of()).get(token.segment());
            Long position = token.position();
            boolean caughtUp = false;
            if (report != null) {
                if (report.get("position") instanceof Number at) {
                    position = position == null ? at.longValue() : Math.max(position, at.longValue());
                }
                caughtUp = Boolean.TRUE.equals(report.get("caughtUp"));
            }
            segments.add(new SegmentState(token.segment(), token.owner(), position, caughtUp));
        }
        return segments;
    }

    private Map<String, Map<Integer, Map<String, Object>>> reported(String processor) {
        Map<String, Map<Integer, Map<String, Object>>> reported = new java.util.HashMap<>();
        jdbc.sql("SELECT h.node_id, h.segments::text FROM " + tables.table("ops_processor_heartbeat") + " h JOIN "
                 + tables.table("ops_node") + " n ON n.node_id = h.node_id"
                 + " WHERE h.processor = ? AND n.last_seen >= now() - ?::interval")
            .params(processor, interval())
            .query(row -> {
                Map<Integer, Map<String, Object>> bySegment = new java.util.HashMap<>();
                for (Map<String, Object> segment : JsonColumns.read(row.getString(2), SEGMENTS)) {
                    if (segment.get("segment") instanceof Number id) {
                        bySegment.put(id.intValue(), segment);
                    }
                }
                reported.put(row.getString(1), bySegment);
            });
        return reported;
    }

    private String interval() {
        return nodeTimeout.toMillis() + " milliseconds";
    }
}
