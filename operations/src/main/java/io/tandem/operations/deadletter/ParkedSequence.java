package io.tandem.operations.deadletter;

import java.time.Instant;

/**
 * A parked sequence as {@code dead_letter_status} shows its first letter: the event its processor failed on, and
 * the failure. The letters behind it wait for it.
 *
 * @param schema  the schema of the side whose {@code deadletterentry} keeps it
 * @param letters how many letters the sequence holds
 */
record ParkedSequence(String schema, String processor, String sequence, long letters, String letterId,
                      String eventId, String payloadType, String aggregateType, String aggregateId,
                      Long aggregateSequence, String causeType, String causeMessage, String fingerprint,
                      String topFrame, Instant enqueuedAt, Instant lastTouched, Instant processingStarted,
                      Integer retries, Instant nextRetryAt, String lastError, String state) {
}
