package io.tandem.platform.consistency;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Tells {@link ProcessedPositions} whenever an event processor of this node has finished a batch. It runs at the
 * batch's clean-up, after the commit and after the pooled processor has moved the segment's status past the batch.
 */
final class ProgressSignals implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String SIGNALLED = ProgressSignals.class.getName();

    private final ProcessedPositions positions;

    ProgressSignals(ProcessedPositions positions) {
        this.positions = positions;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        UnitOfWork<?> batch = unitOfWork.root();
        if (batch.resources().putIfAbsent(SIGNALLED, Boolean.TRUE) == null) {
            batch.onCleanup(done -> positions.progressed());
        }
        return interceptorChain.proceed();
    }
}
