package io.tandem.operations.audit.saga;

import io.tandem.operations.audit.AuditSchemas;
import io.tandem.platform.axon.AuditMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/**
 * Deadlines that have not fired yet: Axon's db-scheduler rows ({@code scheduled_tasks}, task {@value #TASK}) in
 * every schema. A fired or cancelled deadline leaves the table; what it caused stays in the events.
 */
public class PendingDeadlines {

    static final String TASK = "AxonDeadline";

    private final JdbcClient jdbc;
    private final AuditSchemas schemas;

    public PendingDeadlines(JdbcClient jdbc, AuditSchemas schemas) {
        this.jdbc = jdbc;
        this.schemas = schemas;
    }

    /**
     * The deadlines whose stored data holds any of these texts (correlation ids, a saga id): a byte search by
     * PostgreSQL over the pending rows, then each match is read.
     */
    public List<PendingDeadline> mentioning(List<String> texts, int limit) {
        List<PendingDeadline> found = new ArrayList<>();
        if (texts.isEmpty()) {
            return found;
        }
        String anyOf = String.join(" OR ", texts.stream().map(text -> "position(? IN task_data) > 0").toList());
        List<Object> params = new ArrayList<>();
        params.add(TASK);
        texts.forEach(text -> params.add(text.getBytes(StandardCharsets.UTF_8)));
        params.add(limit);
        schemas.each(schema -> found.addAll(
                jdbc.sql("SELECT task_instance, task_data, execution_time, picked FROM "
                         + AuditSchemas.table(schema, "scheduled_tasks") + " WHERE task_name = ? AND (" + anyOf
                         + ") ORDER BY execution_time LIMIT ?")
                    .params(params)
                    .query((row, n) -> pending(schema, row)).list()
                    .stream().flatMap(Optional::stream).toList()));
        return found;
    }

    public Optional<PendingDeadline> find(String taskInstance) {
        List<PendingDeadline> found = new ArrayList<>();
        schemas.each(schema -> found.addAll(
                jdbc.sql("SELECT task_instance, task_data, execution_time, picked FROM "
                         + AuditSchemas.table(schema, "scheduled_tasks")
                         + " WHERE task_name = ? AND task_instance = ?")
                    .params(TASK, taskInstance)
                    .query((row, n) -> pending(schema, row)).list()
                    .stream().flatMap(Optional::stream).toList()));
        return found.stream().findFirst();
    }

    private static Optional<PendingDeadline> pending(String schema, ResultSet row) throws SQLException {
        String instance = row.getString(1);
        Instant executionTime = instant(row, 3);
        boolean running = row.getBoolean(4);
        return DeadlineDetails.read(row.getBytes(2)).map(details -> new PendingDeadline(
                schema, instance, details.name(), executionTime, running, details.scopeKind(), details.scopeType(),
                details.scopeId(), details.metadata(AuditMetadata.CORRELATION_ID),
                details.metadata(AuditMetadata.CAUSATION_ID), details.metadata(AuditMetadata.USER_ID)));
    }

    /**
     * @param taskInstance the deadline's schedule id (db-scheduler's task instance), which cancel and reschedule name
     * @param running      a node has picked it and is running it now: it can no longer be changed
     * @param causationId  the message being handled when it was scheduled
     */
    public record PendingDeadline(String schema, String taskInstance, String name, Instant executionTime,
                                  boolean running, String scopeKind, String scopeType, String scopeId,
                                  String correlationId, String causationId, String userId) {
    }
}
