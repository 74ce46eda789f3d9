package io.tandem.operations.log;

import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.operations.OperatorActionEvents.OperatorActionFinishedEvent;
import io.tandem.api.operations.OperatorActionEvents.OperatorActionStartedEvent;
import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.operations.OperationsTables;
import io.tandem.platform.jdbc.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * The operator log's table, from the {@code OperatorAction} events. Inserting a started action twice and finishing
 * it twice leave the row as the first time did, so a replay gives the same rows.
 */
@ProcessingGroup(OperatorLogProjection.PROCESSING_GROUP)
class OperatorLogProjection {

    static final String PROCESSING_GROUP = "operator-log";

    private final JdbcClient jdbc;
    private final String table;

    OperatorLogProjection(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.table = tables.table("ops_operator_log");
    }

    @EventHandler
    void on(OperatorActionStartedEvent event) {
        jdbc.sql("INSERT INTO " + table + " (action_id, action, target, actor_id, client_address, parameters,"
                 + " reason, outcome, started_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                 + " ON CONFLICT (action_id) DO NOTHING")
            .params(event.actionId(), event.action(), event.target(), event.actorId(), event.clientAddress(),
                    JsonColumns.write(event.parameters()), event.reason(), OperatorActionOutcome.PENDING.name(),
                    utc(event.startedAt()))
            .update();
    }

    @EventHandler
    void on(OperatorActionFinishedEvent event) {
        jdbc.sql("UPDATE " + table + " SET outcome = ?, detail = ?, finished_at = ?, duration_ms = ?"
                 + " WHERE action_id = ? AND finished_at IS NULL")
            .params(event.outcome().name(), event.detail(), utc(event.finishedAt()), event.durationMillis(),
                    event.actionId())
            .update();
    }

    /** An erased operator's addresses are forgotten here as they are in the events. */
    @EventHandler
    void on(UserErasedEvent event) {
        jdbc.sql("UPDATE " + table + " SET client_address = NULL WHERE actor_id = ?").param(event.userId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM " + table).update();
    }
}
