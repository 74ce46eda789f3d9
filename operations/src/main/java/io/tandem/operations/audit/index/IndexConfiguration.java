package io.tandem.operations.audit.index;

import io.tandem.operations.OperationsTables;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event index's processor runs where {@value #PROPERTY} is true (the default): one side per cluster is enough,
 * as every side reads the one table; in services mode the command side runs it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = IndexConfiguration.PROPERTY, havingValue = "true", matchIfMissing = true)
public class IndexConfiguration {

    static final String PROPERTY = "tandem.audit.index.enabled";

    @Bean
    EventIndexer auditEventIndexer(JdbcClient jdbc, OperationsTables tables) {
        return new EventIndexer(jdbc, tables);
    }

    /** Pooled, in batches: a fresh node catches up on a long history quickly. */
    @Bean
    ConfigurerModule auditEventIndexProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerPooledStreamingEventProcessor(
                EventIndexer.PROCESSING_GROUP, org.axonframework.config.Configuration::eventStore,
                (config, builder) -> builder.batchSize(100)));
    }
}
