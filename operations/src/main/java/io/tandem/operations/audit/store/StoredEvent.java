package io.tandem.operations.audit.store;

import java.time.Instant;

/**
 * An event as the event store holds it: its place and the serialized bytes of its payload and metadata, untouched.
 *
 * @param globalPosition its position in the global stream; null when the store did not say (an aggregate read from
 *                       Axon Server) and the event index has not caught up with it yet
 */
public record StoredEvent(Long globalPosition, String eventId, String aggregateType, String aggregateId,
                          long sequenceNumber, Instant timestamp, String payloadType, String payloadRevision,
                          byte[] payload, byte[] metadata) {

    /** The payload class's simple name: {@code BookingPlacedEvent} for {@code io.tandem.api...BookingEvents$BookingPlacedEvent}. */
    public String eventType() {
        return simpleName(payloadType);
    }

    public static String simpleName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    public StoredEvent at(Long position) {
        return new StoredEvent(position, eventId, aggregateType, aggregateId, sequenceNumber, timestamp, payloadType,
                               payloadRevision, payload, metadata);
    }
}
