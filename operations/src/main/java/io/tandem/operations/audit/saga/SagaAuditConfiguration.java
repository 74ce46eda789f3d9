package io.tandem.operations.audit.saga;

import io.tandem.operations.audit.AuditSchemas;
import io.tandem.operations.audit.view.PersonalDataView;
import io.tandem.operations.log.OperatorLog;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sagas, deadlines and dead letters as the audit trail reads them, and the deadline actions. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class SagaAuditConfiguration {

    @Bean
    SagaStore auditSagaStore(JdbcClient jdbc, AuditSchemas schemas, PersonalDataView personalData) {
        return new SagaStore(jdbc, schemas, personalData);
    }

    @Bean
    PendingDeadlines auditPendingDeadlines(JdbcClient jdbc, AuditSchemas schemas) {
        return new PendingDeadlines(jdbc, schemas);
    }

    @Bean
    DeadLetterStore auditDeadLetterStore(JdbcClient jdbc, AuditSchemas schemas) {
        return new DeadLetterStore(jdbc, schemas);
    }

    @Bean
    SagaTypes auditSagaTypes(ObjectProvider<Configuration> axon) {
        return new SagaTypes(axon::getObject, SagaAuditConfiguration.class.getClassLoader());
    }

    @Bean
    SagaController auditSagaController(SagaStore sagas, PendingDeadlines deadlines, JdbcClient jdbc,
                                       OperatorLog operatorLog) {
        return new SagaController(sagas, deadlines, new DeadlineActions(jdbc, deadlines, operatorLog));
    }
}
