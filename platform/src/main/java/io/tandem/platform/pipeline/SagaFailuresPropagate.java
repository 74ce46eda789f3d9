package io.tandem.platform.pipeline;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.modelling.saga.Saga;

/**
 * The default handler of listener failures. A saga's failure goes up to {@link SagaParking}, which parks the event;
 * Axon's default would log it and store the saga as the failed handler left it. Other handlers without a
 * dead-letter queue (the per-node live processors) keep Axon's default: logged, and the event skipped.
 */
final class SagaFailuresPropagate implements ListenerInvocationErrorHandler {

    private final ListenerInvocationErrorHandler others = new LoggingErrorHandler();

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler)
            throws Exception {
        if (eventHandler instanceof Saga<?>) {
            throw exception;
        }
        others.onError(exception, event, eventHandler);
    }
}
