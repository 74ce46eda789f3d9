package io.tandem.operations.audit.index;

import java.time.Instant;

/** A row of {@code audit_event_index}: where an event is, what it is, when, and who and what caused it. */
public record IndexedEvent(long globalPosition, String eventId, String aggregateType, String aggregateId,
                           Long sequenceNumber, String eventType, String payloadType, Instant occurredAt,
                           String userId, String correlationId, String causationId, String causationType,
                           String commandCausationId, String commandCausationType, String causationSaga) {
}
