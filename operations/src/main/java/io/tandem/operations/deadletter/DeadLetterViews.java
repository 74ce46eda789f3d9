package io.tandem.operations.deadletter;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** What the dead-letter API answers. */
final class DeadLetterViews {

    private DeadLetterViews() {
    }

    /**
     * A parked sequence with its first letter, the one that failed.
     *
     * @param eventType      the payload type's simple name
     * @param aggregateLink  the aggregate's history in the audit API
     * @param retries        failed retries so far (0 when it was parked)
     * @param state          {@code retrying} (a node retries it at {@code next_retry_at}) or {@code parked} (only an
     *                       operator retries it)
     * @param payload        the event, with personal data masked for auditors; absent when larger than the list
     *                       shows (open the sequence)
     * @param payloadMasked  personal data in the payload was replaced
     */
    record SequenceView(String processor, String sequence, long letters, String letterId, String eventId,
                        String eventType, String payloadType, String aggregateType, String aggregateId,
                        Long aggregateSequence, String aggregateLink, String causeType, String causeMessage,
                        String fingerprint, String topFrame, Instant enqueuedAt, Instant lastTouched,
                        Integer retries, Instant nextRetryAt, String lastError, String state, JsonNode payload,
                        boolean payloadMasked, Integer payloadBytes) {
    }

    /** The sequences that failed the same way: same exception type, same top frame. */
    record GroupView(String fingerprint, String causeType, String topFrame, long sequences, long letters,
                     List<String> processors, String exampleCause, Instant firstEnqueuedAt,
                     Instant lastEnqueuedAt) {
    }

    /** A slice of the matching sequences, newest first, with the groups of all of them. */
    record Page(List<SequenceView> items, long total, int size, String nextCursor, List<GroupView> groups) {
    }

    /** One letter of a sequence, in order, with its event. */
    record LetterView(String letterId, long index, String eventId, String eventType, Long aggregateSequence,
                      Instant enqueuedAt, Instant lastTouched, String causeType, String causeMessage,
                      Integer retries, String state, JsonNode payload, boolean payloadMasked) {
    }

    /** A whole sequence: its first letter as listed, and every letter with its event. */
    record SequenceDetail(SequenceView sequence, List<LetterView> letters) {
    }

    /**
     * What an action did, and when it started.
     *
     * @param outcome {@code succeeded} (the sequence is gone), {@code failed} (it failed again and stays),
     *                {@code scheduled} (no processor of the group runs on this node: a node that runs one retries
     *                it within its retry poll), {@code evicted}
     */
    record ActionResult(String processor, String sequence, String outcome, long letters, String lastError,
                        Instant at) {
    }

    /**
     * A bulk action, or its dry run.
     *
     * @param matched  sequences matching the filter
     * @param selected those the action takes (at most {@code max}, oldest first): a dry run's count, which the real
     *                 run attempts
     */
    record BulkResult(boolean dryRun, long matched, int selected, int max, Double ratePerSecond,
                      Double estimatedSeconds, List<ActionResult> results) {
    }
}
