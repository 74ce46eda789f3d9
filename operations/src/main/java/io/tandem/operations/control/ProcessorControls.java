package io.tandem.operations.control;

import io.tandem.operations.OperationsTables;
import io.tandem.operations.control.ProcessorControl.DesiredState;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/**
 * The control table: operators (and, later, coordinated plans such as replays) write the state they want a processor
 * in; every node's {@link ControlWatcher} applies it to its own instance of that processor and acknowledges it.
 */
public class ProcessorControls {

    private static final String COLUMNS = "processor, state, version, reason, requested_by, requested_at";

    private final JdbcClient jdbc;
    private final OperationsTables tables;

    public ProcessorControls(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /**
     * Asks every node to bring the processor into this state. A request for the state already asked for changes
     * nothing and answers the standing request, so repeating it is harmless.
     */
    public ProcessorControl request(String processor, DesiredState state, String reason, String requestedBy) {
        String table = tables.table("ops_processor_control");
        Optional<ProcessorControl> changed = jdbc.sql(
                        "INSERT INTO " + table + " AS current (" + COLUMNS + ") VALUES (?, ?, 1, ?, ?, now())"
                        + " ON CONFLICT (processor) DO UPDATE SET state = excluded.state,"
                        + " version = current.version + 1, reason = excluded.reason,"
                        + " requested_by = excluded.requested_by, requested_at = now()"
                        + " WHERE current.state <> excluded.state RETURNING " + COLUMNS)
                .params(processor, state.name(), reason, requestedBy)
                .query(ProcessorControls::control)
                .optional();
        return changed.orElseGet(() -> find(processor).orElseThrow());
    }

    public Optional<ProcessorControl> find(String processor) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + tables.table("ops_processor_control")
                        + " WHERE processor = ?")
                   .param(processor)
                   .query(ProcessorControls::control)
                   .optional();
    }

    public Map<String, ProcessorControl> all() {
        Map<String, ProcessorControl> all = new LinkedHashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM " + tables.table("ops_processor_control") + " ORDER BY processor")
            .query(ProcessorControls::control)
            .list()
            .forEach(control -> all.put(control.processor(), control));
        return all;
    }

    /** Records which version of the request this node applied to its processor, and why it failed if it did. */
    void acknowledge(String nodeId, ProcessorControl control, String failure) {
        jdbc.sql("INSERT INTO " + tables.table("ops_processor_control_ack")
                 + " (node_id, processor, version, state, applied_at, failure) VALUES (?, ?, ?, ?, now(), ?)"
                 + " ON CONFLICT (node_id, processor) DO UPDATE SET version = excluded.version,"
                 + " state = excluded.state, applied_at = now(), failure = excluded.failure")
            .params(nodeId, control.processor(), control.version(), control.state().name(), failure)
            .update();
    }

    private static ProcessorControl control(ResultSet row, int rowNumber) throws SQLException {
        return new ProcessorControl(row.getString(1), DesiredState.valueOf(row.getString(2)), row.getLong(3),
                                    row.getString(4), row.getString(5), instant(row, 6));
    }
}
