package io.tandem.platform.axon.events;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * Events in PostgreSQL (the embedded default, and several launchers on one database): Axon's JDBC storage engine as
 * Axon's auto-configuration would build it, behind an event store that wakes processors on commit
 * ({@link SignallingEventStore}, {@link CommitNotifications}). It fetches on its own only every
 * {@code tandem.events.fallback-fetch-interval} (5 s), in case a notification was lost while the listener
 * reconnected. With Axon Server this configuration stays out of the way: Axon Server streams events to processors.
 */
@AutoConfiguration
@AutoConfigureBefore(name = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class JdbcEventStoreConfiguration {

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder().build();
    }

    @Bean
    public PersistenceExceptionResolver jdbcSQLErrorCodesResolver() {
        return new JdbcSQLErrorCodesResolver();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(defaultSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .eventSerializer(eventSerializer)
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(eventSchema)
                                     .build();
    }

    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public SignallingEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                           ObjectProvider<EventAppendListener> appendListeners,
                                           @Value("${tandem.events.fallback-fetch-interval:5s}") Duration fallback) {
        return SignallingEventStore.on(storageEngine,
                                       EmbeddedEventStore.builder()
                                                         .messageMonitor(configuration.messageMonitor(
                                                                 EventStore.class, "eventStore"))
                                                         .spanFactory(configuration.getComponent(
                                                                 EventBusSpanFactory.class)),
                                       fallback, appendListeners.orderedStream().toList());
    }

    @Bean
    CommitNotifications commitNotifications(DataSource dataSource, SignallingEventStore eventStore) {
        return new CommitNotifications(dataSource, eventStore);
    }
}
