package io.tandem.embedded;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** What Elasticsearch logs into Logback at INFO while an action runs. */
final class ElasticsearchLogs {

    private ElasticsearchLogs() {
    }

    static List<String> during(Runnable action) {
        Logger elasticsearch = (Logger) LoggerFactory.getLogger("org.elasticsearch");
        Level configured = elasticsearch.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        elasticsearch.addAppender(events);
        elasticsearch.setLevel(Level.INFO);
        try {
            action.run();
        } finally {
            elasticsearch.setLevel(configured);
            elasticsearch.detachAppender(events);
        }
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
