package io.tandem.operations.processor;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.operations.OperationsProperties;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.processor.ClusterSnapshot.Ack;
import io.tandem.operations.processor.ClusterSnapshot.DeadLetters;
import io.tandem.operations.processor.ClusterSnapshot.Heartbeat;
import io.tandem.operations.processor.ClusterSnapshot.Node;
import io.tandem.operations.processor.TokenTable.StoredToken;
import io.tandem.platform.jdbc.JsonColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/**
 * Reads the cluster's processors from PostgreSQL alone: the heartbeat and control tables, and the token and
 * dead-letter tables of every schema a node reported (one per side in services mode), so any node answers for all.
 */
class ClusterReader {

    private static final Logger log = LoggerFactory.getLogger(ClusterReader.class);
    private static final TypeReference<List<ReportedSegment>> SEGMENTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final OperationsTables tables;
    private final OperationsProperties properties;
    private final ProcessorControls controls;
    private final TokenTable tokenTable;

    ClusterReader(JdbcClient jdbc, OperationsTables tables, OperationsProperties properties,
                  ProcessorControls controls, TokenTable tokenTable) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.properties = properties;
        this.controls = controls;
        this.tokenTable = tokenTable;
    }

    ClusterSnapshot read() {
        Instant now = jdbc.sql("SELECT now()").query((row, n) -> instant(row, 1)).single();
        Instant aliveSince = now.minus(properties.nodeTimeout());
        List<Node> nodes = jdbc.sql("SELECT node_id, sides, token_schema, started_at, last_seen FROM "
                                    + tables.table("ops_node") + " ORDER BY node_id")
                               .query((row, n) -> new Node(row.getString(1), row.getString(2), row.getString(3),
                                                           instant(row, 4), instant(row, 5),
                                                           !instant(row, 5).isBefore(aliveSince)))
                               .list();
        List<Heartbeat> heartbeats = jdbc.sql(
                        "SELECT node_id, processor, side, mode, token_store, running, error, segments::text,"
                        + " reported_at FROM " + tables.table("ops_processor_heartbeat"))
                .query((row, n) -> new Heartbeat(row.getString(1), row.getString(2), row.getString(3),
                                                 row.getString(4), row.getString(5), row.getBoolean(6),
                                                 row.getBoolean(7), JsonColumns.read(row.getString(8), SEGMENTS),
                                                 instant(row, 9)))
                .list();
        List<StoredToken> tokens = new ArrayList<>();
        Map<String, DeadLetters> deadLetters = new HashMap<>();
        nodes.stream().map(Node::tokenSchema).distinct().forEach(schema -> {
            try {
                tokens.addAll(tokenTable.all(schema));
                deadLetters(schema).forEach((processor, count) -> deadLetters.merge(processor, count,
                                                                                    DeadLetters::plus));
            } catch (RuntimeException e) {
                log.warn("Cannot read the tokens or dead letters of schema {}: {}", schema, e.toString());
            }
        });
        List<Ack> acks = jdbc.sql("SELECT node_id, processor, version, state, failure FROM "
                                  + tables.table("ops_processor_control_ack"))
                             .query((row, n) -> new Ack(row.getString(1), row.getString(2), row.getLong(3),
                                                        row.getString(4), row.getString(5)))
                             .list();
        return new ClusterSnapshot(now, nodes, heartbeats, tokens, deadLetters, controls.all(), acks);
    }

    private Map<String, DeadLetters> deadLetters(String schema) {
        Map<String, DeadLetters> counts = new HashMap<>();
        jdbc.sql("SELECT processinggroup, count(*), count(DISTINCT sequenceidentifier) FROM "
                 + OperationsTables.inSchema(schema, "deadletterentry") + " GROUP BY processinggroup")
            .query(row -> {
                counts.put(row.getString(1), new DeadLetters(row.getLong(2), row.getLong(3)));
            });
        return counts;
    }
}
