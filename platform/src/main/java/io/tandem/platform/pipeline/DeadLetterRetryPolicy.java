package io.tandem.platform.pipeline;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

import java.time.Clock;
import java.time.Instant;

/**
 * What happens to an event a handler failed on, in every processor with a dead-letter queue and in every saga:
 * <ul>
 *   <li>the database or a service did not answer ({@link Outages}): nothing is parked; while the processor handles
 *       its batch the failure fails the batch, which the processor tries again, and a retry that meets an outage
 *       is requeued without using up one of its retries;</li>
 *   <li>anything else: what the event wrote so far is rolled back ({@link EventSavepoints}) and it is parked, with
 *       the retry schedule of {@link DeadLetterDiagnostics}.</li>
 * </ul>
 */
final class DeadLetterRetryPolicy implements EnqueuePolicy<EventMessage<?>> {

    private final DeadLetterProperties properties;
    private final EventSavepoints savepoints;
    private final Clock clock;

    DeadLetterRetryPolicy(DeadLetterProperties properties, EventSavepoints savepoints, Clock clock) {
        this.properties = properties;
        this.savepoints = savepoints;
        this.clock = clock;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (DeadLetterProcessing.inProgress()) {
            return afterFailedRetry(cause);
        }
        if (Outages.isOutage(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime : new OutageException(cause);
        }
        savepoints.rollBackCurrent();
        return firstFailure(cause);
    }

    /** The event failed while its processor handled it, and what it wrote is already undone. */
    EnqueueDecision<EventMessage<?>> firstFailure(Throwable cause) {
        return park(cause, false);
    }

    /** A retry failed: it counts against the letter's retries unless the failure was an outage. Never throws. */
    EnqueueDecision<EventMessage<?>> afterFailedRetry(Throwable cause) {
        return park(cause, !Outages.isOutage(cause));
    }

    private EnqueueDecision<EventMessage<?>> park(Throwable cause, boolean countedRetry) {
        Instant now = clock.instant();
        return Decisions.requeue(FailureText.cause(cause), letter -> DeadLetterDiagnostics.afterFailure(
                letter.diagnostics(), cause, now, properties, countedRetry));
    }

    /** An outage behind a checked exception, thrown so that the processor's batch fails. */
    static final class OutageException extends RuntimeException {

        OutageException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
