package io.tandem.platform.consistency;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-your-own-write ({@link ReadYourWrites}) on every side: how a write's position is found depends on where
 * events are kept; every side answers for its own processors.
 */
@AutoConfiguration
@EnableConfigurationProperties(ConsistencyProperties.class)
public class ConsistencyConfiguration {

    @Bean
    public ReadYourWrites readYourWrites(WritePositions positions, QueryGateway queries, EventStore eventStore,
                                         ConsistencyProperties properties, MeterRegistry meters) {
        return new ReadYourWrites(positions, queries, eventStore, properties.timeout(), meters);
    }

    @Bean
    ProcessedPositions processedPositions(ObjectProvider<Configuration> axon, JdbcClient jdbc, Serializer serializer,
                                          ObjectProvider<TokenSchema> tokenSchema,
                                          ObjectProvider<CommittedEvents> committedEvents,
                                          ConsistencyProperties properties) {
        StoredTokens storedTokens = new StoredTokens(jdbc, serializer,
                                                     tokenSchema.getIfAvailable(() -> TokenSchema.builder().build()));
        ProcessorProgress progress = new ProcessorProgress(() -> axon.getObject().eventProcessingConfiguration(),
                                                           storedTokens, committedEvents.getIfAvailable());
        return new ProcessedPositions(progress, properties.recheckInterval(), properties.storeReadInterval());
    }

    @Bean
    ProgressSignals progressSignals(ProcessedPositions positions) {
        return new ProgressSignals(positions);
    }

    @Bean
    WriteTracker writeTracker() {
        return new WriteTracker();
    }

    /** Events in PostgreSQL: exact positions, recorded as the event store writes them. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    static class EventsInPostgres {

        @Bean
        RecordedWritePositions recordedWritePositions(WriteTracker tracker, JdbcClient jdbc,
                                                      EventSchema eventSchema) {
            return new RecordedWritePositions(tracker, jdbc, eventSchema);
        }

        @Bean
        CommittedEvents committedEvents(JdbcClient jdbc, EventSchema eventSchema) {
            return new CommittedEvents(jdbc, eventSchema);
        }
    }

    /** Events in Axon Server: the head after the write. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
    static class EventsInAxonServer {

        @Bean
        HeadWritePositions headWritePositions(EventStore eventStore, WriteTracker tracker) {
            HeadWritePositions positions = new HeadWritePositions(eventStore, tracker);
            eventStore.registerDispatchInterceptor(positions.sequenceRecorder());
            return positions;
        }
    }
}
