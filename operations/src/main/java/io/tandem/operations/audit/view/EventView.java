package io.tandem.operations.audit.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event of the audit trail as the API shows it: where it is, what it is, and its payload and metadata as stored,
 * with personal data shown according to the reader (see {@link PersonalDataView}).
 *
 * @param globalPosition null only for an event read from Axon Server that the event index has not reached yet
 */
public record EventView(Long globalPosition, String aggregateType, String aggregateId, long sequenceNumber,
                        String eventId, Instant timestamp, String eventType, String payloadType,
                        String payloadRevision, JsonNode payload, JsonNode metadata) {
}
