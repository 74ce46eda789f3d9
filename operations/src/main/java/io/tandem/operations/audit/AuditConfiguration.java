package io.tandem.operations.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.operations.OperationsAutoConfiguration;
import io.tandem.operations.OperationsTables;
import io.tandem.operations.audit.chain.ChainConfiguration;
import io.tandem.operations.audit.export.AuditExports;
import io.tandem.operations.audit.history.HistoryConfiguration;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.index.IndexConfiguration;
import io.tandem.operations.audit.saga.SagaAuditConfiguration;
import io.tandem.operations.audit.search.SearchConfiguration;
import io.tandem.operations.audit.store.JdbcStoredEvents;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.store.StreamStoredEvents;
import io.tandem.operations.audit.trace.TraceConfiguration;
import io.tandem.operations.audit.view.EventViews;
import io.tandem.operations.audit.view.PersonalDataView;
import io.tandem.operations.log.OperatorLogConfiguration;
import io.tandem.platform.personaldata.PersonalValues;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail (README "Audit trail"): what its features share (how events are read as stored, how they are
 * shown to whom, the event index, exports), and each feature's own configuration.
 */
@AutoConfiguration(after = {OperationsAutoConfiguration.class, OperatorLogConfiguration.class})
@EnableConfigurationProperties(AuditProperties.class)
@Import({IndexConfiguration.class, HistoryConfiguration.class, TraceConfiguration.class, SearchConfiguration.class,
         ChainConfiguration.class, SagaAuditConfiguration.class})
public class AuditConfiguration {

    @Bean
    EventIndex auditEventIndex(JdbcClient jdbc, OperationsTables tables) {
        return new EventIndex(jdbc, tables);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    StoredEvents auditJdbcStoredEvents(JdbcClient jdbc) {
        return new JdbcStoredEvents(jdbc);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
    StoredEvents auditStreamStoredEvents(EventStore eventStore, @Qualifier("eventSerializer") Serializer serializer,
                                         EventIndex index) {
        return StreamStoredEvents.onAxonServer(eventStore, serializer, index::positionsOf);
    }

    @Bean
    PersonalDataView auditPersonalDataView(PersonalValues personalValues) {
        return new PersonalDataView(personalValues, AuditConfiguration.class.getClassLoader());
    }

    @Bean
    EventViews auditEventViews(PersonalDataView personalData) {
        return new EventViews(personalData);
    }

    @Bean
    AuditSchemas auditSchemas(JdbcClient jdbc, OperationsTables tables) {
        return new AuditSchemas(jdbc, tables);
    }

    @Bean
    AuditExports auditExports(ObjectMapper json, AuditProperties properties) {
        return new AuditExports(json, properties.export().maxEvents());
    }
}
