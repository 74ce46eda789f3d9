package io.tandem.operations.replay;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.operations.OperationsTables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * The replay plans in {@code ops_replay}: one active plan per processor (a unique index), leases that a node renews
 * while it works a plan, and state changes that only the lease holder can make, each recorded with its node.
 */
class ReplayPlans {

    private static final String COLUMNS = "replay_id, processor, token_schema, state, from_kind, from_value, forced,"
            + " reason, requested_by, requested_at, action_id, pause_version, resume_version, start_position,"
            + " head_at_reset, dead_letters_cleared, lease_owner, lease_until, waiting_for, error, state_changed_at,"
            + " replaying_since, finished_at, replayed_positions";
    private static final String ACTIVE = "state NOT IN ('DONE', 'FAILED')";

    private final JdbcClient jdbc;
    private final String table;
    private final String transitions;

    ReplayPlans(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.table = tables.table("ops_replay");
        this.transitions = tables.table("ops_replay_transition");
    }

    /** Stores a new plan; a 409 while another plan of the processor is active. */
    void insert(String replayId, String processor, String tokenSchema, ReplayFrom from, boolean forced,
                String reason, String requestedBy, String actionId, String idempotencyKey, String nodeId) {
        try {
            jdbc.sql("INSERT INTO " + table + " (replay_id, processor, token_schema, state, from_kind, from_value,"
                     + " forced, reason, requested_by, requested_at, action_id, idempotency_key, state_changed_at)"
                     + " VALUES (?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?, now(), ?, ?, now())")
                .params(replayId, processor, tokenSchema, from.kind().name(), from.value(), forced, reason,
                        requestedBy, actionId, idempotencyKey)
                .update();
        } catch (DuplicateKeyException e) {
            throw activeConflict(processor);
        }
        recordTransition(replayId, ReplayState.REQUESTED, nodeId);
    }

    RejectedException activeConflict(String processor) {
        String running = activeFor(processor).map(ReplayRecord::replayId).orElse("another request");
        return new RejectedException(Rejection.conflict("replay_in_progress", "A replay of " + processor
                + " is already under way (" + running + "); wait for it to finish."));
    }

    Optional<ReplayRecord> find(String replayId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE replay_id = ?").param(replayId)
                   .query(ReplayPlans::record).optional();
    }

    Optional<ReplayRecord> byIdempotencyKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE idempotency_key = ?").param(key)
                   .query(ReplayPlans::record).optional();
    }

    Optional<ReplayRecord> activeFor(String processor) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE processor = ? AND " + ACTIVE)
                   .param(processor).query(ReplayPlans::record).optional();
    }

    List<ReplayRecord> active(Collection<String> processors) {
        if (processors.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE " + ACTIVE
                        + " AND processor = ANY (?) ORDER BY requested_at")
                   .param(processors.toArray(String[]::new)).query(ReplayPlans::record).list();
    }

    /** The processor's plans, newest first. */
    List<ReplayRecord> history(String processor, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE processor = ? ORDER BY requested_at DESC"
                        + " LIMIT ?")
                   .params(processor, limit).query(ReplayPlans::record).list();
    }

    /** Takes or renews the plan's lease for this node, unless another live node holds it. */
    boolean lease(String replayId, String nodeId, Duration duration) {
        return jdbc.sql("UPDATE " + table + " SET lease_owner = ?, lease_until = now() + ?::interval"
                        + " WHERE replay_id = ? AND " + ACTIVE
                        + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < now())")
                   .params(nodeId, duration.toMillis() + " milliseconds", replayId, nodeId)
                   .update() == 1;
    }

    /** Gives up this node's leases (a clean shutdown), so another node carries on at once. */
    void releaseLeases(String nodeId) {
        jdbc.sql("UPDATE " + table + " SET lease_until = now() WHERE lease_owner = ? AND " + ACTIVE)
            .param(nodeId).update();
    }

    /**
     * Moves the plan from one state to the next with the given column values, if this node still holds its lease
     * and the plan is still where it was: false when another node got there first.
     */
    boolean transition(ReplayRecord plan, ReplayState to, String nodeId, Map<String, Object> columns) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder set = new StringBuilder("state = ?, state_changed_at = now(), waiting_for = NULL");
        parameters.add(to.name());
        columns.forEach((column, value) -> {
            set.append(", ").append(column).append(" = ?");
            parameters.add(value instanceof Instant instant ? utc(instant) : value);
        });
        if (to.finished()) {
            set.append(", finished_at = now(), lease_owner = NULL, lease_until = NULL");
        }
        parameters.addAll(List.of(plan.replayId(), plan.state().name(), nodeId));
        boolean moved = jdbc.sql("UPDATE " + table + " SET " + set + " WHERE replay_id = ? AND state = ?"
                                 + " AND lease_owner = ?").params(parameters).update() == 1;
        if (moved) {
            recordTransition(plan.replayId(), to, nodeId);
        }
        return moved;
    }

    /** Says what the current step waits for, shown with the plan. */
    void waiting(String replayId, String what) {
        jdbc.sql("UPDATE " + table + " SET waiting_for = ? WHERE replay_id = ?").params(what, replayId).update();
    }

    /** Locks the plan's row for the rest of the caller's transaction. */
    Optional<ReplayRecord> lock(String replayId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE replay_id = ? FOR UPDATE")
                   .param(replayId).query(ReplayPlans::record).optional();
    }

    /** Which node took each step, in order. */
    List<Map<String, Object>> transitions(String replayId) {
        return jdbc.sql("SELECT state, node_id, at FROM " + transitions + " WHERE replay_id = ? ORDER BY at, state")
                   .param(replayId)
                   .query((row, n) -> Map.<String, Object>of("state", row.getString(1), "node", row.getString(2),
                                                             "at", instant(row, 3)))
                   .list();
    }

    private void recordTransition(String replayId, ReplayState state, String nodeId) {
        jdbc.sql("INSERT INTO " + transitions + " (replay_id, at, state, node_id) VALUES (?, clock_timestamp(), ?, ?)"
                 + " ON CONFLICT DO NOTHING")
            .params(replayId, state.name(), nodeId).update();
    }

    private static ReplayRecord record(ResultSet row, int rowNumber) throws SQLException {
        return new ReplayRecord(row.getString(1), row.getString(2), row.getString(3),
                                ReplayState.valueOf(row.getString(4)),
                                ReplayFrom.of(row.getString(5), row.getString(6)), row.getBoolean(7),
                                row.getString(8), row.getString(9), instant(row, 10), row.getString(11),
                                row.getObject(12, Long.class), row.getObject(13, Long.class),
                                row.getObject(14, Long.class), row.getObject(15, Long.class),
                                row.getObject(16, Long.class), row.getString(17), instant(row, 18), row.getString(19),
                                row.getString(20), instant(row, 21), instant(row, 22), instant(row, 23),
                                row.getObject(24, Long.class));
    }
}
