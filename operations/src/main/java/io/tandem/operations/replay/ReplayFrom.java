package io.tandem.operations.replay;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.operations.events.EventPositions;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Where a replay starts: the first event ({@code tail}), the newest ({@code head}: nothing is replayed, the read
 * model starts over from now), the first event stored at or after a time, or a global position (that event first).
 *
 * @param value the timestamp or position as given; null for tail and head
 */
record ReplayFrom(Kind kind, String value) {

    private static final Pattern POSITION = Pattern.compile("\\d{1,18}");

    enum Kind { TAIL, HEAD, TIMESTAMP, POSITION }

    /** Reads what a client sent; anything else than tail, head, an ISO-8601 time or a position is a 400. */
    static ReplayFrom parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("from is required: tail, head, an ISO-8601 timestamp or a global position.");
        }
        String given = raw.strip();
        switch (given.toLowerCase(Locale.ROOT)) {
            case "tail":
                return new ReplayFrom(Kind.TAIL, null);
            case "head":
                return new ReplayFrom(Kind.HEAD, null);
            default:
                break;
        }
        if (POSITION.matcher(given).matches()) {
            return new ReplayFrom(Kind.POSITION, given);
        }
        if (given.startsWith("-") && POSITION.matcher(given.substring(1)).matches()) {
            throw invalid("A global position cannot be negative.");
        }
        return new ReplayFrom(Kind.TIMESTAMP, instant(given).toString());
    }

    /** The token the processor's segments are reset to. */
    TrackingToken token(StreamableMessageSource<TrackedEventMessage<?>> source, EventPositions positions) {
        return switch (kind) {
            case TAIL -> source.createTailToken();
            case HEAD -> source.createHeadToken();
            case TIMESTAMP -> source.createTokenAt(Instant.parse(value));
            case POSITION -> positions.tokenAt(Long.parseLong(value) - 1);
        };
    }

    /** The position just before the first event replayed (replayed: the events after it up to the head). */
    long startPosition(StreamableMessageSource<TrackedEventMessage<?>> source, EventPositions positions) {
        TrackingToken token = token(source, positions);
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.isPresent() ? position.getAsLong() : positions.beforeFirst();
    }

    /** How the operator log and the plan name it: {@code tail}, {@code head}, the time or the position. */
    String describe() {
        return value == null ? kind.name().toLowerCase(Locale.ROOT) : value;
    }

    static ReplayFrom of(String kind, String value) {
        return new ReplayFrom(Kind.valueOf(kind), value);
    }

    private static Instant instant(String given) {
        try {
            return OffsetDateTime.parse(given).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Instant.parse(given);
            } catch (DateTimeParseException e) {
                throw invalid("from must be tail, head, an ISO-8601 timestamp such as 2026-12-06T08:00:00Z or a "
                              + "global position such as 1200.");
            }
        }
    }

    private static RejectedException invalid(String detail) {
        return new RejectedException(Rejection.invalid("invalid_from", detail));
    }
}
