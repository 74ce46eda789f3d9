package io.tandem.operations.audit.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * What to look for in the event index; every criterion is optional and they all must hold.
 *
 * @param type          the event type, as its simple class name ({@code BookingPlacedEvent})
 * @param fromTime      occurred at or after
 * @param toTime        occurred before
 * @param fromPosition  at or after this global position
 * @param toPosition    at or before this global position
 */
public record EventSearch(String type, String aggregateType, String aggregateId, String userId, String correlationId,
                          Instant fromTime, Instant toTime, Long fromPosition, Long toPosition) {

    /** The SQL conditions (joined with AND, "TRUE" when none) and their parameters, in order. */
    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(conditions, params, "event_type = ?", type);
        add(conditions, params, "aggregate_type = ?", aggregateType);
        add(conditions, params, "aggregate_id = ?", aggregateId);
        add(conditions, params, "user_id = ?", userId);
        add(conditions, params, "correlation_id = ?", correlationId);
        add(conditions, params, "occurred_at >= ?", utc(fromTime));
        add(conditions, params, "occurred_at < ?", utc(toTime));
        add(conditions, params, "global_position >= ?", fromPosition);
        add(conditions, params, "global_position <= ?", toPosition);
        return new Where(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), params);
    }

    private static void add(List<String> conditions, List<Object> params, String condition, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            conditions.add(condition);
            params.add(value);
        }
    }

    record Where(String sql, List<Object> params) {

        Where and(String condition, Object value) {
            List<Object> more = new ArrayList<>(params);
            more.add(value);
            return new Where(sql + " AND " + condition, more);
        }
    }
}
