package io.tandem.operations.deadletter;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.deadletter.DeadLetterViews.ActionResult;
import io.tandem.platform.pipeline.DeadLetterProcessors;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What operators do to one parked sequence or letter. A retry runs here when this node runs a processor of the
 * group (the same {@code process} the retry schedule uses, so Axon's claim keeps two nodes from retrying one
 * sequence); otherwise the sequence is made due, and a node that runs one retries it within its retry poll. An
 * eviction deletes the letters, unless a node is retrying the sequence right now.
 */
class DeadLetterActions {

    private final DeadLetterReader reader;
    private final DeadLetterProcessors processors;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Duration claimDuration;

    DeadLetterActions(DeadLetterReader reader, DeadLetterProcessors processors, TransactionTemplate transactions,
                      JdbcClient jdbc, Duration claimDuration) {
        this.reader = reader;
        this.processors = processors;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.claimDuration = claimDuration;
    }

    ParkedSequence require(String processor, String sequence) {
        return reader.find(processor, sequence).orElseThrow(() -> new RejectedException(Rejection.notFound(
                "dead_letter_not_found", processor + " has no parked sequence " + sequence + ".")));
    }

    /** Retries the sequence now here, or makes it due at {@code dueAt} for a node that runs its processor. */
    ActionResult retry(ParkedSequence parked, Instant dueAt) {
        Instant started = Instant.now();
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> local = processors.forGroup(parked.processor());
        if (local.isEmpty()) {
            makeDue(parked, dueAt);
            return result(parked, "scheduled", parked.letters(), null, started);
        }
        transactions.executeWithoutResult(tx -> local.get().process(
                letter -> letter.message().getIdentifier().equals(parked.eventId())));
        ParkedSequence after = reader.find(parked.processor(), parked.sequence()).orElse(null);
        if (after == null) {
            return result(parked, "succeeded", 0, null, started);
        }
        if (after.letterId().equals(parked.letterId()) && Objects.equals(after.lastTouched(), parked.lastTouched())) {
            throw busy(parked);
        }
        return result(after, after.letterId().equals(parked.letterId()) ? "failed" : "partly succeeded",
                      after.letters(), after.lastError(), started);
    }

    ActionResult evictSequence(ParkedSequence parked) {
        Instant started = Instant.now();
        String letters = OperationsTables.inSchema(parked.schema(), "deadletterentry");
        int evicted = jdbc.sql("DELETE FROM " + letters + " WHERE processinggroup = ? AND sequenceidentifier = ?"
                               + " AND NOT EXISTS (SELECT 1 FROM " + letters + " c WHERE c.processinggroup = ?"
                               + " AND c.sequenceidentifier = ? AND c.processingstarted::timestamptz"
                               + " >= now() - ?::interval)")
                          .params(parked.processor(), parked.sequence(), parked.processor(), parked.sequence(),
                                  claimDuration.toMillis() + " milliseconds")
                          .update();
        if (evicted == 0) {
            throw busy(parked);
        }
        return result(parked, "evicted", evicted, null, started);
    }

    ActionResult evictLetter(String processor, String letterId) {
        String schema = reader.schemaOfLetter(processor, letterId).orElseThrow(() -> new RejectedException(
                Rejection.notFound("dead_letter_not_found", processor + " has no dead letter " + letterId + ".")));
        String sequence = jdbc.sql("DELETE FROM " + OperationsTables.inSchema(schema, "deadletterentry")
                                   + " WHERE processinggroup = ? AND deadletteridentifier = ? AND (processingstarted"
                                   + " IS NULL OR processingstarted::timestamptz < now() - ?::interval)"
                                   + " RETURNING sequenceidentifier")
                              .params(processor, letterId, claimDuration.toMillis() + " milliseconds")
                              .query(String.class).optional()
                              .orElseThrow(() -> new RejectedException(Rejection.conflict("sequence_being_retried",
                                      "A node is retrying this letter right now; try again in a moment.")));
        return new ActionResult(processor, sequence, "evicted", 1, null, Instant.now());
    }

    /** The first letter is due at once for the retry schedule, its retries spent or not. */
    private void makeDue(ParkedSequence parked, Instant dueAt) {
        jdbc.sql("UPDATE " + OperationsTables.inSchema(parked.schema(), "deadletterentry")
                 + " SET diagnostics = convert_to((coalesce(convert_from(diagnostics, 'UTF8')::jsonb, '{}'::jsonb)"
                 + " || jsonb_build_object('state', 'retrying', 'next_retry_at', ?::text))::text, 'UTF8')"
                 + " WHERE deadletteridentifier = ?")
            .params(dueAt.toString(), parked.letterId()).update();
    }

    private static RejectedException busy(ParkedSequence parked) {
        return new RejectedException(Rejection.conflict("sequence_being_retried", "A node is retrying "
                + parked.sequence() + " of " + parked.processor() + " right now; try again in a moment."));
    }

    private static ActionResult result(ParkedSequence parked, String outcome, long letters, String lastError,
                                       Instant started) {
        return new ActionResult(parked.processor(), parked.sequence(), outcome, letters, lastError, started);
    }
}
