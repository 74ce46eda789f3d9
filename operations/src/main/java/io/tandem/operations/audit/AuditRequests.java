package io.tandem.operations.audit;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The audit API's shared reading of request parameters and its refusals, so every endpoint answers alike. */
public final class AuditRequests {

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1_000;

    private AuditRequests() {
    }

    /** An ISO-8601 instant with a zone ({@code 2026-12-06T09:00:00Z}, or an offset); absent stays null; else 400. */
    public static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedException(Rejection.invalid("invalid_timestamp", parameter + " must be an ISO-8601"
                    + " timestamp with a zone, such as 2026-12-06T09:00:00Z; got '" + shortened(value) + "'."));
        }
    }

    /** A page size between 1 and {@value #MAX_PAGE}; absent is {@value #DEFAULT_PAGE}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_PAGE;
        }
        if (requested < 1 || requested > MAX_PAGE) {
            throw invalid("invalid_limit", "limit must be between 1 and " + MAX_PAGE + ".");
        }
        return requested;
    }

    public static RejectedException invalid(String code, String detail) {
        return new RejectedException(Rejection.invalid(code, detail));
    }

    public static RejectedException notFound(String code, String detail) {
        return new RejectedException(Rejection.notFound(code, detail));
    }

    public static RejectedException aggregateNotFound(String aggregateId) {
        return notFound("aggregate_not_found", "No events are stored for aggregate " + shortened(aggregateId) + ".");
    }

    private static String shortened(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
