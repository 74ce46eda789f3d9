package io.tandem.operations.rebuild;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * The rebuilds in {@code ops_rebuild}: one per projection until it is done or dropped (a unique index), a lease the
 * working node renews, and state changes made only from the state the caller saw.
 */
class RebuildPlans {

    private static final String COLUMNS = "rebuild_id, projection, tables, shadow_processor, shadow_schema,"
            + " live_schema, verify_only, auto_switch, state, reason, requested_by, requested_at, action_id,"
            + " switch_action_id, rollback_action_id, drop_action_id, live_paused, pause_version, bound_position,"
            + " first_position, head_at_start, verification::text, lease_owner, lease_until, waiting_for, error,"
            + " state_changed_at, caught_up_at, verified_at, switched_at, rolled_back_at, finished_at";
    private static final String HOLDING = "state NOT IN ('DONE', 'DROPPED')";

    private final JdbcClient jdbc;
    private final String table;

    RebuildPlans(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.table = tables.table("ops_rebuild");
    }

    /** Stores a new rebuild; a 409 while another rebuild of the projection holds it. */
    void insert(RebuildRecord plan) {
        try {
            jdbc.sql("INSERT INTO " + table + " (rebuild_id, projection, tables, shadow_processor, shadow_schema,"
                     + " verify_only, auto_switch, state, reason, requested_by, requested_at, action_id,"
                     + " state_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, now(), ?, now())")
                .params(plan.rebuildId(), plan.projection(), String.join(",", plan.tables()), plan.shadowProcessor(),
                        plan.shadowSchema(), plan.verifyOnly(), plan.autoSwitch(), plan.reason(), plan.requestedBy(),
                        plan.actionId())
                .update();
        } catch (DuplicateKeyException e) {
            throw holdingConflict(plan.projection());
        }
    }

    RejectedException holdingConflict(String projection) {
        return holdingFor(projection).map(holding -> new RejectedException(Rejection.conflict(
                        holding.state().shadowRuns() || holding.state() == RebuildState.REQUESTED
                                ? "rebuild_in_progress" : "previous_version_retained",
                        "Rebuild " + holding.rebuildId() + " of " + projection + " is " + holding.state()
                        + "; let it end or drop it first.")))
                                     .orElseGet(() -> new RejectedException(Rejection.conflict(
                                             "rebuild_in_progress", "Another rebuild of " + projection
                                                                    + " was just asked for.")));
    }

    Optional<RebuildRecord> find(String rebuildId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE rebuild_id = ?").param(rebuildId)
                   .query(RebuildPlans::record).optional();
    }

    Optional<RebuildRecord> holdingFor(String projection) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE projection = ? AND " + HOLDING)
                   .param(projection).query(RebuildPlans::record).optional();
    }

    /** Every rebuild that still holds its projection, oldest first. */
    List<RebuildRecord> holding() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE " + HOLDING + " ORDER BY requested_at")
                   .query(RebuildPlans::record).list();
    }

    /** The projection's rebuilds, newest first. */
    List<RebuildRecord> history(String projection, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE projection = ?"
                        + " ORDER BY requested_at DESC LIMIT ?")
                   .params(projection, limit).query(RebuildPlans::record).list();
    }

    /** Takes or renews the lease for this node, unless another live node holds it. */
    boolean lease(String rebuildId, String nodeId, Duration duration) {
        return jdbc.sql("UPDATE " + table + " SET lease_owner = ?, lease_until = now() + ?::interval"
                        + " WHERE rebuild_id = ? AND " + HOLDING
                        + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < now())")
                   .params(nodeId, duration.toMillis() + " milliseconds", rebuildId, nodeId).update() == 1;
    }

    /** Gives up this node's leases (a clean shutdown), so another node carries on at once. */
    void releaseLeases(String nodeId) {
        jdbc.sql("UPDATE " + table + " SET lease_until = now() WHERE lease_owner = ?").param(nodeId).update();
    }

    /**
     * Moves the rebuild to {@code to} with the given column values if it is still in the state the caller read:
     * false when someone got there first. A rebuild that ended gives up its lease.
     */
    boolean transition(RebuildRecord plan, RebuildState to, Map<String, Object> columns) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder set = new StringBuilder("state = ?, waiting_for = NULL");
        parameters.add(to.name());
        if (to != plan.state()) {
            set.append(", state_changed_at = now()");
        }
        columns.forEach((column, value) -> {
            set.append(", ").append(column).append(column.equals("verification") ? " = ?::jsonb" : " = ?");
            parameters.add(value instanceof Instant instant ? utc(instant) : value);
        });
        if (to.ended()) {
            set.append(", finished_at = now(), lease_owner = NULL, lease_until = NULL");
        }
        parameters.addAll(List.of(plan.rebuildId(), plan.state().name()));
        return jdbc.sql("UPDATE " + table + " SET " + set + " WHERE rebuild_id = ? AND state = ?")
                   .params(parameters).update() == 1;
    }

    /** Says what the current step waits for, shown with the rebuild. */
    void waiting(String rebuildId, String what) {
        jdbc.sql("UPDATE " + table + " SET waiting_for = ? WHERE rebuild_id = ?")
            .params(what.length() <= 1000 ? what : what.substring(0, 999) + "…", rebuildId).update();
    }

    /** Locks the rebuild's row for the rest of the caller's transaction. */
    Optional<RebuildRecord> lock(String rebuildId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE rebuild_id = ? FOR UPDATE")
                   .param(rebuildId).query(RebuildPlans::record).optional();
    }

    private static RebuildRecord record(ResultSet row, int rowNumber) throws SQLException {
        return new RebuildRecord(row.getString(1), row.getString(2), Arrays.asList(row.getString(3).split(",")),
                                 row.getString(4), row.getString(5), row.getString(6), row.getBoolean(7),
                                 row.getBoolean(8), RebuildState.valueOf(row.getString(9)), row.getString(10),
                                 row.getString(11), instant(row, 12), row.getString(13), row.getString(14),
                                 row.getString(15), row.getString(16), row.getBoolean(17),
                                 row.getObject(18, Long.class), row.getObject(19, Long.class),
                                 row.getObject(20, Long.class), row.getObject(21, Long.class), row.getString(22),
                                 row.getString(23), instant(row, 24), row.getString(25), row.getString(26),
                                 instant(row, 27), instant(row, 28), instant(row, 29), instant(row, 30),
                                 instant(row, 31), instant(row, 32));
    }
}
