package io.tandem.operations.audit.search;

import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.index.EventSearch;

import java.time.Instant;
import java.util.Map;

/** The search's query parameters, shared by the search, its live tail and its export; bad values are 400s. */
final class SearchParameters {

    private SearchParameters() {
    }

    static EventSearch of(Map<String, String> parameters) {
        Instant from = AuditRequests.instant("from", parameters.get("from"));
        Instant to = AuditRequests.instant("to", parameters.get("to"));
        Long fromPosition = position(parameters, "from_position");
        Long toPosition = position(parameters, "to_position");
        if (from != null && to != null && from.isAfter(to)
            || fromPosition != null && toPosition != null && fromPosition > toPosition) {
            throw AuditRequests.invalid("invalid_range", "A range's start comes after its end.");
        }
        return new EventSearch(text(parameters, "type"), text(parameters, "aggregate_type"),
                               text(parameters, "aggregate_id"), text(parameters, "user_id"),
                               text(parameters, "correlation_id"), from, to, fromPosition, toPosition);
    }

    private static String text(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Long position(Map<String, String> parameters, String name) {
        String value = text(parameters, name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw AuditRequests.invalid("invalid_position", name + " must be a global position (a whole number).");
        }
    }
}
