package io.tandem.platform.pipeline;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;

import java.util.Objects;

/**
 * Parks an event whose handler succeeded but whose effect failed later in its batch, for projections that write
 * once per batch (one bulk request to the search index before commit): a document the index refuses parks the
 * events that changed it, under the same sequence and retry schedule as a failed handler, instead of failing the
 * batch forever. Call it inside the batch's unit of work, before it commits.
 */
public final class DeadLetterParking {

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final DeadLetterRetryPolicy policy;

    DeadLetterParking(ObjectProvider<EventProcessingConfiguration> processing, DeadLetterRetryPolicy policy) {
        this.processing = processing;
        this.policy = policy;
    }

    public void park(String processingGroup, EventMessage<?> event, Throwable cause) {
        EventProcessingConfiguration configuration = processing.getObject();
        SequencedDeadLetterQueue<EventMessage<?>> queue = configuration.deadLetterQueue(processingGroup).orElseThrow(
                () -> new IllegalStateException(processingGroup + " has no dead-letter queue"));
        Object sequence = Objects.requireNonNullElseGet(
                configuration.sequencingPolicy(processingGroup).getSequenceIdentifierFor(event),
                event::getIdentifier);
        DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>(sequence, event, cause);
        EnqueueDecision<EventMessage<?>> decision = policy.firstFailure(cause);
        queue.enqueue(sequence, decision.withDiagnostics(letter.withCause(decision.enqueueCause().orElse(null))));
    }
}
