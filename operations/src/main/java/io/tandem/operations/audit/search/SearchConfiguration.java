package io.tandem.operations.audit.search;

import io.tandem.operations.audit.AuditProperties;
import io.tandem.operations.audit.export.AuditExports;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.view.EventViews;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event search, its live tail and its export. */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean
    EventTail auditEventTail(EventIndex index, AuditProperties properties) {
        return new EventTail(index, properties);
    }

    @Bean
    SearchController auditSearchController(EventIndex index, EventTail tail, StoredEvents events, EventViews views,
                                           AuditExports exports) {
        return new SearchController(index, tail, events, views, exports);
    }
}
