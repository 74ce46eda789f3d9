package io.tandem.operations.audit.history;

import io.tandem.operations.audit.export.AuditExports;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.view.EventViews;
import io.tandem.operations.audit.view.PersonalDataView;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

/** An aggregate's history, state at a version or a time, diffs and blame. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class HistoryConfiguration {

    @Bean
    AggregateFolds auditAggregateFolds(ObjectProvider<Configuration> axon, EventViews views,
                                       PersonalDataView personalData) {
        return new AggregateFolds(axon::getObject, views, personalData);
    }

    @Bean
    AggregateAudit auditAggregateAudit(StoredEvents events, AggregateFolds folds, EventViews views,
                                       EventIndex index) {
        return new AggregateAudit(events, new TimeTravel(events, folds), views, new Causes(index));
    }

    @Bean
    HistoryController auditHistoryController(AggregateAudit audit, StoredEvents events, EventViews views,
                                             AuditExports exports) {
        return new HistoryController(audit, events, views, exports);
    }
}
