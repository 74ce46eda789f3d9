package io.tandem.operations.log;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.api.operations.OperatorActionOutcome;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Which actions of the log a reader wants: each given criterion must hold; {@code from} is inclusive, {@code to}
 * exclusive. Built from request parameters, refusing malformed ones with a 400.
 */
record OperatorLogFilter(String action, String target, String actor, OperatorActionOutcome outcome, Instant from,
                         Instant to) {

    static OperatorLogFilter of(String action, String target, String actor, String outcome, String from, String to) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new RejectedException(Rejection.invalid("invalid_time_range", "from must be before to."));
        }
        return new OperatorLogFilter(blankToNull(action), blankToNull(target), blankToNull(actor),
                                     outcome(outcome), since, until);
    }

    /** The SQL conditions (joined with AND) and their parameters, in order. */
    record Where(String sql, List<Object> parameters) {
    }

    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        add(conditions, parameters, "action = ?", action);
        add(conditions, parameters, "target = ?", target);
        add(conditions, parameters, "actor_id = ?", actor);
        add(conditions, parameters, "outcome = ?", outcome == null ? null : outcome.name());
        add(conditions, parameters, "started_at >= ?", utc(from));
        add(conditions, parameters, "started_at < ?", utc(to));
        return new Where(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), parameters);
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.add(value);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new RejectedException(Rejection.invalid("invalid_time", name
                    + " must be an ISO-8601 instant such as 2026-12-06T08:00:00Z."));
        }
    }

    private static OperatorActionOutcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OperatorActionOutcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RejectedException(Rejection.invalid("invalid_outcome",
                                                          "outcome must be pending, succeeded, refused or failed."));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
