package io.tandem.operations;

import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.events.EventCounts;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.events.JdbcEventCounts;
import io.tandem.operations.events.JdbcEventPositions;
import io.tandem.operations.events.StreamEventCounts;
import io.tandem.operations.events.StreamEventPositions;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every feature of the operations console builds on: this node, its processors, the event store's positions
 * and the operations tables. Registered once per application, so the all-in-one launcher has one of each.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsAutoConfiguration {

    @Bean
    OperationsTables operationsTables(OperationsProperties properties) {
        return new OperationsTables(properties.schema());
    }

    /** Read after Flyway ran: a side's schema exists only once it has been migrated. */
    @Bean
    @DependsOnDatabaseInitialization
    LocalNode operationsLocalNode(JdbcClient jdbc) {
        return LocalNode.of(jdbc.sql("SELECT current_schema()").query(String.class).single());
    }

    @Bean
    LocalProcessors operationsLocalProcessors(EventProcessingConfiguration processing,
                                              @Value("${spring.application.name:tandem}") String applicationName) {
        return new LocalProcessors(processing, applicationName);
    }

    @Bean
    ProcessorControls operationsProcessorControls(JdbcClient jdbc, OperationsTables tables) {
        return new ProcessorControls(jdbc, tables);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventPositions operationsJdbcEventPositions(JdbcClient jdbc) {
        return new JdbcEventPositions(jdbc);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventCounts operationsJdbcEventCounts(JdbcClient jdbc) {
        return new JdbcEventCounts(jdbc);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
    EventCounts operationsStreamEventCounts(EventStore eventStore, EventPositions positions) {
        return new StreamEventCounts(eventStore, positions);
    }

    /** Axon Server numbers events from 0; a stream opened at token n starts with event n + 1. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
    EventPositions operationsStreamEventPositions(EventStore eventStore) {
        return new StreamEventPositions(eventStore,
                                        position -> position <= 0 ? null
                                                                  : new GlobalSequenceTrackingToken(position - 1));
    }
}
