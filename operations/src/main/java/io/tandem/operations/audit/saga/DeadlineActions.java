package io.tandem.operations.audit.saga;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.AuditSchemas;
import io.tandem.operations.audit.saga.PendingDeadlines.PendingDeadline;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.log.OperatorLog.Action;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Map;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * What an administrator may do to a pending deadline, each recorded in the operator log with its reason: cancel it
 * (the saga or aggregate never hears of it; Axon's own cancel of it later finds nothing and does nothing) or move it.
 * Both work on db-scheduler's row as db-scheduler itself does, bumping its version, and only while no node runs it.
 */
public class DeadlineActions {

    private final JdbcClient jdbc;
    private final PendingDeadlines deadlines;
    private final OperatorLog operatorLog;

    public DeadlineActions(JdbcClient jdbc, PendingDeadlines deadlines, OperatorLog operatorLog) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.operatorLog = operatorLog;
    }

    PendingDeadline cancel(String taskInstance, String reason) {
        return operatorLog.run(new Action(OperatorLog.DEADLINE_CHANGE, "deadline " + taskInstance,
                                          Map.of("change", "cancel"), reason), () -> {
            PendingDeadline deadline = changeable(taskInstance);
            int removed = jdbc.sql("DELETE FROM " + AuditSchemas.table(deadline.schema(), "scheduled_tasks")
                                   + " WHERE task_name = ? AND task_instance = ? AND picked = false")
                              .params(PendingDeadlines.TASK, taskInstance).update();
            if (removed == 0) {
                throw running(deadline);
            }
            return deadline;
        }, deadline -> "cancelled " + describe(deadline));
    }

    PendingDeadline reschedule(String taskInstance, Instant at, String reason) {
        return operatorLog.run(new Action(OperatorLog.DEADLINE_CHANGE, "deadline " + taskInstance,
                                          Map.of("change", "reschedule", "at", at.toString()), reason), () -> {
            PendingDeadline deadline = changeable(taskInstance);
            int moved = jdbc.sql("UPDATE " + AuditSchemas.table(deadline.schema(), "scheduled_tasks")
                                 + " SET execution_time = ?, version = version + 1"
                                 + " WHERE task_name = ? AND task_instance = ? AND picked = false")
                            .params(utc(at), PendingDeadlines.TASK, taskInstance).update();
            if (moved == 0) {
                throw running(deadline);
            }
            return deadlines.find(taskInstance).orElse(deadline);
        }, deadline -> "moved " + describe(deadline) + " to " + at);
    }

    private PendingDeadline changeable(String taskInstance) {
        PendingDeadline deadline = deadlines.find(taskInstance).orElseThrow(() -> AuditRequests.notFound(
                "deadline_not_found", "No pending deadline has this id (it may have fired or been cancelled)."));
        if (deadline.running()) {
            throw running(deadline);
        }
        return deadline;
    }

    private static RuntimeException running(PendingDeadline deadline) {
        return new RejectedException(Rejection.conflict(
                "deadline_running", "The deadline " + deadline.name() + " is being run by a node right now."));
    }

    private static String describe(PendingDeadline deadline) {
        return deadline.name() + " of " + deadline.scopeKind() + " " + deadline.scopeType() + " " + deadline.scopeId()
               + " (due " + deadline.executionTime() + ")";
    }
}
