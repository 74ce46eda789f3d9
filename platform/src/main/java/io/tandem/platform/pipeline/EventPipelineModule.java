package io.tandem.platform.pipeline;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * Wires the pipeline's failure handling into Axon once for every processor: the retry policy for every
 * dead-letter queue, a savepoint per event in every processor with one, parking for every saga processor, and
 * saga failures that reach it.
 */
final class EventPipelineModule implements ConfigurerModule {

    private final DeadLetterQueues queues;
    private final DeadLetterRetryPolicy policy;
    private final SavepointPerEvent savepointPerEvent;
    private final SagaDeadLetters sagas;

    EventPipelineModule(DeadLetterQueues queues, DeadLetterRetryPolicy policy, EventSavepoints savepoints,
                        SagaDeadLetters sagas) {
        this.queues = queues;
        this.policy = policy;
        this.savepointPerEvent = new SavepointPerEvent(savepoints);
        this.sagas = sagas;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing()
                  .registerDefaultDeadLetterPolicy(config -> policy)
                  .registerDefaultListenerInvocationErrorHandler(config -> new SagaFailuresPropagate())
                  .registerDefaultHandlerInterceptor(this::interceptorFor);
    }

    private MessageHandlerInterceptor<? super EventMessage<?>> interceptorFor(Configuration config,
                                                                              String processorName) {
        if (queues.eventHandlerGroups().contains(processorName)) {
            return savepointPerEvent;
        }
        return sagas.parkingFor(config, processorName).orElse(null);
    }
}
