package io.tandem.platform.pipeline;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.modelling.saga.metamodel.AnnotationSagaMetaModelFactory;
import org.axonframework.modelling.saga.metamodel.SagaModel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Gives every saga processor its dead-letter queue ({@link SagaParking}) and keeps their retriers. */
final class SagaDeadLetters {

    private final DeadLetterQueues queues;
    private final TransactionManager transactions;
    private final EventSavepoints savepoints;
    private final DeadLetterRetryPolicy policy;
    private final Map<String, SequencedDeadLetterProcessor<EventMessage<?>>> processors = new ConcurrentHashMap<>();

    SagaDeadLetters(DeadLetterQueues queues, TransactionManager transactions, EventSavepoints savepoints,
                    DeadLetterRetryPolicy policy) {
        this.queues = queues;
        this.transactions = transactions;
        this.savepoints = savepoints;
        this.policy = policy;
    }

    /** The parking interceptor of the processor, if it is a saga's. Called while Axon builds its processors. */
    Optional<SagaParking> parkingFor(Configuration config, String processorName) {
        return config.eventProcessingConfiguration().sagaConfigurations().stream()
                     .filter(saga -> saga.processingGroup().equals(processorName))
                     .findFirst()
                     .map(saga -> parking(config, saga));
    }

    /** The retriers of the saga processors, by processing group. */
    Map<String, SequencedDeadLetterProcessor<EventMessage<?>>> processors() {
        return Map.copyOf(processors);
    }

    private <S> SagaParking parking(Configuration config, SagaConfiguration<S> saga) {
        String group = saga.processingGroup();
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forGroup(group);
        SagaModel<S> model = new AnnotationSagaMetaModelFactory(config.parameterResolverFactory(),
                                                                config.handlerDefinition(saga.type()))
                .modelOf(saga.type());
        processors.put(group, new SagaDeadLetterProcessor(saga::manager, queue, transactions, savepoints, policy,
                                                          config::correlationDataProviders));
        return new SagaParking(group, model, queue, savepoints, policy);
    }
}
