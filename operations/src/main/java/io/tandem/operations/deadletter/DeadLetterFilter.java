package io.tandem.operations.deadletter;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Which parked sequences an operator means, judged by each sequence's first letter (the one that failed; the
 * letters behind it only wait): its processor, event type and exception type (a class's full or simple name), its
 * failure's fingerprint, when it was parked ({@code [from, to)}) and its aggregate. Built from request parameters,
 * refusing malformed ones with a 400.
 */
record DeadLetterFilter(String processor, String eventType, String exceptionType, String fingerprint, Instant from,
                        Instant to, String aggregateId) {

    static DeadLetterFilter of(String processor, String eventType, String exceptionType, String fingerprint,
                               String from, String to, String aggregateId) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new RejectedException(Rejection.invalid("invalid_time_range", "from must be before to."));
        }
        return new DeadLetterFilter(blankToNull(processor), blankToNull(eventType), blankToNull(exceptionType),
                                    blankToNull(fingerprint), since, until, blankToNull(aggregateId));
    }

    /** The SQL conditions on a {@code dead_letter_status} row (joined with AND) and their parameters, in order. */
    record Where(String sql, List<Object> parameters) {
    }

    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        add(conditions, parameters, "processing_group = ?", processor);
        addClass(conditions, parameters, "payload_type", eventType);
        addClass(conditions, parameters, "cause_type", exceptionType);
        add(conditions, parameters, "fingerprint = ?", fingerprint);
        add(conditions, parameters, "enqueued_at >= ?", utc(from));
        add(conditions, parameters, "enqueued_at < ?", utc(to));
        add(conditions, parameters, "aggregate_identifier = ?", aggregateId);
        return new Where(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), parameters);
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.add(value);
        }
    }

    /** A class by its full name, or by its simple name (after the package, or after the enclosing class). */
    private static void addClass(List<String> conditions, List<Object> parameters, String column, String name) {
        if (name != null) {
            conditions.add("(" + column + " = ? OR right(" + column + ", length(?) + 1) IN ('.' || ?, '$' || ?))");
            parameters.addAll(List.of(name, name, name, name));
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
