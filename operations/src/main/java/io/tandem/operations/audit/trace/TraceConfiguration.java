package io.tandem.operations.audit.trace;

import io.tandem.operations.audit.export.AuditExports;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.saga.DeadLetterStore;
import io.tandem.operations.audit.saga.PendingDeadlines;
import io.tandem.operations.audit.saga.SagaStore;
import io.tandem.operations.audit.saga.SagaTypes;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.view.EventViews;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The correlation tracer. */
@Configuration(proxyBeanMethods = false)
public class TraceConfiguration {

    @Bean
    Tracer auditTracer(EventIndex index, StoredEvents events, EventViews views, SagaTypes sagaTypes, SagaStore sagas,
                       PendingDeadlines deadlines, DeadLetterStore deadLetters) {
        return new Tracer(index, events, views, sagaTypes, sagas, deadlines, deadLetters);
    }

    @Bean
    TraceController auditTraceController(Tracer tracer, EventIndex index, StoredEvents events, EventViews views,
                                         AuditExports exports) {
        return new TraceController(tracer, index, events, views, exports);
    }
}
