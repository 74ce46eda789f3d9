package io.tandem.platform.pipeline;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.messaging.MessageHandlerInterceptor;

import java.util.List;

/**
 * The pipeline's failure handling for a processor assembled at run time rather than configured (a projection
 * rebuild's shadow processor): the same dead-letter queue in {@code deadletterentry} under the processor's own name,
 * the same retry policy, and a savepoint per event, so no event stops it either.
 */
public final class AssembledProcessorPipeline {

    private final DeadLetterQueues queues;
    private final DeadLetterRetryPolicy policy;
    private final EventSavepoints savepoints;
    private final TransactionManager transactions;

    AssembledProcessorPipeline(DeadLetterQueues queues, DeadLetterRetryPolicy policy, EventSavepoints savepoints,
                               TransactionManager transactions) {
        this.queues = queues;
        this.policy = policy;
        this.savepoints = savepoints;
        this.transactions = transactions;
    }

    /** Invokes the handlers and parks what they fail on in the dead-letter queue of {@code processingGroup}. */
    public EventHandlerInvoker parkingInvoker(String processingGroup, List<EventMessageHandler> handlers,
                                              SequencingPolicy<? super EventMessage<?>> sequencing) {
        return DeadLetteringEventHandlerInvoker.builder()
                                               .eventHandlers(List.copyOf(handlers))
                                               .sequencingPolicy(sequencing)
                                               .queue(queues.forGroup(processingGroup))
                                               .enqueuePolicy(policy)
                                               .transactionManager(transactions)
                                               .build();
    }

    /** Register it on the processor: each event is handled in a savepoint of the batch's transaction. */
    public MessageHandlerInterceptor<? super EventMessage<?>> savepointPerEvent() {
        return new SavepointPerEvent(savepoints);
    }
}
