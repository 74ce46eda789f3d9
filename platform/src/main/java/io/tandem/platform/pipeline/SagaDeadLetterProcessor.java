package io.tandem.platform.pipeline;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AbstractSagaManager;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Retries the parked events of one saga type ({@link SagaParking}): the first claimable sequence the filter accepts
 * goes to the saga manager again, event by event, each in a savepoint and a unit of work of its own; a success evicts
 * the letter and goes on with the next of its sequence, a failure requeues it under {@link DeadLetterRetryPolicy}.
 */
final class SagaDeadLetterProcessor implements SequencedDeadLetterProcessor<EventMessage<?>> {

    private final Supplier<? extends AbstractSagaManager<?>> manager;
    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final TransactionManager transactions;
    private final EventSavepoints savepoints;
    private final DeadLetterRetryPolicy policy;
    /** What a retried saga handler's commands carry on from its event (who, correlation, causation). */
    private final Supplier<List<CorrelationDataProvider>> correlation;

    SagaDeadLetterProcessor(Supplier<? extends AbstractSagaManager<?>> manager,
                            SequencedDeadLetterQueue<EventMessage<?>> queue, TransactionManager transactions,
                            EventSavepoints savepoints, DeadLetterRetryPolicy policy,
                            Supplier<List<CorrelationDataProvider>> correlation) {
        this.manager = manager;
        this.queue = queue;
        this.transactions = transactions;
        this.savepoints = savepoints;
        this.policy = policy;
        this.correlation = correlation;
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter) {
        UnitOfWork<?> claims = new DefaultUnitOfWork<>(null);
        claims.attachTransaction(transactions);
        return claims.executeWithResult(() -> queue.process(sequenceFilter, this::retry)).getPayload();
    }

    private EnqueueDecision<EventMessage<?>> retry(DeadLetter<? extends EventMessage<?>> letter) {
        try {
            savepoints.call(() -> {
                UnitOfWork<?> unitOfWork = new DefaultUnitOfWork<>(letter.message());
                unitOfWork.resources().put(DeadLetter.class.getName(), letter);
                correlation.get().forEach(unitOfWork::registerCorrelationDataProvider);
                return SagaParking.inOwnUnitOfWork(unitOfWork, () -> {
                    manager.get().handle(letter.message(), Segment.ROOT_SEGMENT);
                    return null;
                });
            });
            return Decisions.evict();
        } catch (Exception failure) {
            return policy.afterFailedRetry(failure);
        }
    }
}
