package io.tandem.platform.pipeline;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event pipeline's answer to events its handlers cannot handle (README, "Failed events"): parked with a retry
 * schedule in PostgreSQL, in every processor with a dead-letter queue and in every saga, so that no event stops a
 * processor.
 */
@AutoConfiguration
@AutoConfigureBefore(name = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@EnableConfigurationProperties(DeadLetterProperties.class)
public class EventPipelineConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    EventSavepoints eventSavepoints(PlatformTransactionManager transactionManager) {
        return new EventSavepoints(transactionManager);
    }

    @Bean
    DeadLetterRetryPolicy deadLetterRetryPolicy(DeadLetterProperties properties, EventSavepoints savepoints) {
        return new DeadLetterRetryPolicy(properties, savepoints, clock);
    }

    @Bean
    DeadLetterQueues deadLetterQueues(EventProcessorProperties processors, ConnectionProvider connectionProvider,
                                      TransactionManager transactionManager, DeadLetterSchema schema,
                                      Serializer genericSerializer,
                                      @Qualifier("eventSerializer") Serializer eventSerializer,
                                      DeadLetterProperties properties) {
        Set<String> groups = processors.getProcessors().entrySet().stream()
                                       .filter(processor -> processor.getValue().getDlq().isEnabled())
                                       .map(java.util.Map.Entry::getKey)
                                       .collect(Collectors.toSet());
        return new DeadLetterQueues(groups, connectionProvider, transactionManager, schema, genericSerializer,
                                    eventSerializer, properties);
    }

    /** Replaces the JDBC auto-configuration's queues by {@link DeadLetterQueues}'. */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties processors, DeadLetterQueues queues) {
        return new DeadLetterQueueProviderConfigurerModule(processors, group -> config -> queues.forGroup(group));
    }

    @Bean
    SagaDeadLetters sagaDeadLetters(DeadLetterQueues queues, TransactionManager transactionManager,
                                    EventSavepoints savepoints, DeadLetterRetryPolicy policy) {
        return new SagaDeadLetters(queues, transactionManager, savepoints, policy);
    }

    @Bean
    ConfigurerModule eventPipelineModule(DeadLetterQueues queues, DeadLetterRetryPolicy policy,
                                         EventSavepoints savepoints, SagaDeadLetters sagas) {
        return new EventPipelineModule(queues, policy, savepoints, sagas);
    }

    @Bean
    AssembledProcessorPipeline assembledProcessorPipeline(DeadLetterQueues queues, DeadLetterRetryPolicy policy,
                                                          EventSavepoints savepoints,
                                                          TransactionManager transactionManager) {
        return new AssembledProcessorPipeline(queues, policy, savepoints, transactionManager);
    }

    @Bean
    DeadLetterParking deadLetterParking(ObjectProvider<EventProcessingConfiguration> processing,
                                        DeadLetterRetryPolicy policy) {
        return new DeadLetterParking(processing, policy);
    }

    @Bean
    DeadLetterProcessors deadLetterProcessors(DeadLetterQueues queues, SagaDeadLetters sagas,
                                              ObjectProvider<EventProcessingConfiguration> processing) {
        return new DeadLetterProcessors(queues, sagas, processing);
    }

    @Bean
    DeadLetterRetryScheduler deadLetterRetryScheduler(DeadLetterProcessors processors,
                                                      PlatformTransactionManager transactionManager,
                                                      JdbcClient jdbc, DeadLetterProperties properties) {
        return new DeadLetterRetryScheduler(processors, new TransactionTemplate(transactionManager), jdbc,
                                            properties, clock);
    }
}
