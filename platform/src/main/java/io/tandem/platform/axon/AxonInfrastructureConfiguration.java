package io.tandem.platform.axon;

import io.tandem.platform.personaldata.PersonalDataKeys;
import io.tandem.platform.personaldata.PersonalValues;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Axon beans every side shares, in both storage modes (events in PostgreSQL or in Axon Server; tokens, sagas,
 * dead letters and deadlines always in PostgreSQL, see {@code db/migration/axon}).
 */
@AutoConfiguration
@AutoConfigureBefore(name = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
public class AxonInfrastructureConfiguration {

    @Bean
    @Primary
    public Serializer serializer(PersonalDataKeys personalDataKeys) {
        return StorageSerialization.serializer(personalDataKeys);
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(PersonalDataKeys personalDataKeys) {
        return StorageSerialization.serializer(personalDataKeys);
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(PersonalDataKeys personalDataKeys) {
        return StorageSerialization.serializer(personalDataKeys);
    }

    /** The JDBC saga store's default schema is generic SQL; this one matches the bytea tables of the migrations. */
    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    @Bean
    public CorrelationDataProvider auditMetadataProvider(Environment environment) {
        return new AuditMetadataProvider(AppVersion.of(environment));
    }

    @Bean
    public RequestMetadataDispatchInterceptor requestMetadataDispatchInterceptor(PersonalValues personalValues,
                                                                                 Environment environment) {
        return new RequestMetadataDispatchInterceptor(personalValues, AppVersion.of(environment));
    }

    @Bean
    public RejectionTranslatingInterceptor rejectionTranslatingInterceptor() {
        return new RejectionTranslatingInterceptor();
    }

    @Bean
    public QueryRejectionTranslatingInterceptor queryRejectionTranslatingInterceptor() {
        return new QueryRejectionTranslatingInterceptor();
    }

    /**
     * Every aggregate is rebuilt from the events of its own type only: a client may send the id of any aggregate
     * where another kind is expected, which then reads as unknown (404) instead of feeding one aggregate's events to
     * another (security review L6). Set here for all, since Axon 4.13's Spring lookup ignores
     * {@code @Aggregate(filterEventsByType)}.
     */
    @Bean
    public static BeanPostProcessor aggregatesReadTheirOwnEventsOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof SpringAggregateConfigurer<?> aggregate) {
                    aggregate.setFilterEventsByType(true);
                }
                return bean;
            }
        };
    }

    /** Aggregates that live for years (accounts, schedules, couples) snapshot every so many events. */
    @Bean
    public SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${tandem.axon.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Weak references: the cache never holds on to memory the JVM needs, and a failed unit of work evicts its
     * aggregate, so a node that lost an optimistic-locking race reloads from the event store. A prototype, so each
     * aggregate type's repository gets a cache of its own: a cache is keyed by identifier alone, and in a shared one
     * a client sending the id of one kind of aggregate with a command for another would reach the wrong aggregate
     * (security review L6).
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    public Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    /**
     * Commands that lose an optimistic-locking race against another node are retried on fresh state; so are those
     * that lose the race to create an aggregate on another node (two "create if missing" commands for one id at
     * once: within one node the repository's lock already puts them one after the other), which then find it made.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus,
                                         @Value("${tandem.axon.command-retries:5}") int retries) {
        ScheduledExecutorService retryExecutor = Executors.newSingleThreadScheduledExecutor(
                new AxonThreadFactory("command-retry"));
        RetryScheduler retryScheduler = IntervalRetryScheduler.builder()
                                                             .retryExecutor(retryExecutor)
                                                             .retryInterval(25)
                                                             .maxRetryCount(retries)
                                                             .nonTransientFailurePredicate(
                                                                     failure -> !causedByConcurrency(failure))
                                                             .build();
        return DefaultCommandGateway.builder()
                                    .commandBus(commandBus)
                                    .retryScheduler(retryScheduler)
                                    .build();
    }

    private static boolean causedByConcurrency(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
