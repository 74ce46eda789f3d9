package io.tandem.platform.pipeline;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.metamodel.SagaModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A saga processor's dead-letter queue, which Axon has only for event handlers. Each event goes to the saga type in a
 * savepoint and a unit of work of its own: when a saga handler fails, the savepoint undoes what it wrote (deadlines
 * included), the unit of work drops the saga's changed state instead of storing it, and the event is parked in the
 * processor's queue under the association it is routed by ({@code bookingNumber=...}). Later events with that
 * association queue behind it, so a saga sees its events in order; everything else goes on.
 * <p>
 * The processor must run one segment with batches of one event (Axon's default for sagas): a saga loaded by a
 * failed event stays cached for the rest of its batch.
 */
final class SagaParking implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(SagaParking.class);
    private static final int LONGEST_SEQUENCE_ID = 200;

    private final String processingGroup;
    private final SagaModel<?> model;
    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final EventSavepoints savepoints;
    private final DeadLetterRetryPolicy policy;

    SagaParking(String processingGroup, SagaModel<?> model, SequencedDeadLetterQueue<EventMessage<?>> queue,
                EventSavepoints savepoints, DeadLetterRetryPolicy policy) {
        this.processingGroup = processingGroup;
        this.model = model;
        this.queue = queue;
        this.savepoints = savepoints;
        this.policy = policy;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Optional<String> routedBy = model.resolveAssociation(event).map(SagaParking::sequenceId);
        if (routedBy.isEmpty()) {
            return interceptorChain.proceed();
        }
        String sequence = routedBy.get();
        if (queue.enqueueIfPresent(sequence, () -> new GenericDeadLetter<>(sequence, event))) {
            log.info("Saga event {} queued behind the parked events of {} in {}", event.getIdentifier(), sequence,
                     processingGroup);
            return null;
        }
        try {
            return savepoints.call(() -> inOwnUnitOfWork(nestedIn(unitOfWork), interceptorChain::proceed));
        } catch (Exception failure) {
            if (Outages.isOutage(failure)) {
                throw failure;
            }
            DeadLetter<EventMessage<?>> letter = new GenericDeadLetter<>(sequence, event, failure);
            EnqueueDecision<EventMessage<?>> decision = policy.firstFailure(failure);
            queue.enqueue(sequence, decision.withDiagnostics(letter.withCause(decision.enqueueCause().orElse(null))));
            log.warn("Saga event {} ({}) parked in {} as {}", event.getIdentifier(), event.getPayloadType().getName(),
                     processingGroup, sequence, failure);
            return null;
        }
    }

    /**
     * A unit of work nested in the current one, so that the saga repository stores what it changed when that one
     * commits, and nothing when it rolls back. What the saga sends carries on the event's correlation data (who,
     * correlation and causation), as it would without the nesting.
     */
    private static UnitOfWork<?> nestedIn(UnitOfWork<? extends EventMessage<?>> current) {
        UnitOfWork<?> nested = new DefaultUnitOfWork<>(current.getMessage());
        nested.registerCorrelationDataProvider(message -> current.getCorrelationData());
        return nested;
    }

    static Object inOwnUnitOfWork(UnitOfWork<?> unitOfWork, Callable<?> work) throws Exception {
        ResultMessage<?> result = unitOfWork.executeWithResult(work);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof Error error) {
                throw error;
            }
            throw (Exception) failure;
        }
        return result.getPayload();
    }

    /** {@code key=value}, or a digest of it when it is too long or holds control characters for the table. */
    static String sequenceId(AssociationValue association) {
        String id = association.getKey() + "=" + association.getValue();
        if (id.length() <= LONGEST_SEQUENCE_ID && FailureText.clean(id).equals(id)) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return association.getKey().substring(0, Math.min(association.getKey().length(), 100)) + "=sha256:"
                   + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
