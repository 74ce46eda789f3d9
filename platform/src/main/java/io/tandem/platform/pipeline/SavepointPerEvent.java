package io.tandem.platform.pipeline;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Handles each event of a processor with a dead-letter queue in a savepoint of the batch's transaction, both when
 * the processor handles it and when a dead letter is retried. A handler's failure then parks the event in a
 * transaction that still works ({@link DeadLetterRetryPolicy}), and the batch goes on with the next event.
 */
final class SavepointPerEvent implements MessageHandlerInterceptor<EventMessage<?>> {

    private final EventSavepoints savepoints;

    SavepointPerEvent(EventSavepoints savepoints) {
        this.savepoints = savepoints;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        return savepoints.call(interceptorChain::proceed);
    }
}
