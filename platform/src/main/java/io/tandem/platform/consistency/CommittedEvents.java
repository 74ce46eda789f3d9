package io.tandem.platform.consistency;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.List;

/**
 * Which global indexes hold committed events, with events in PostgreSQL: a gap in a processor's token that has
 * committed since is an event the processor has yet to handle; one that never commits (a rolled-back insert) is
 * not.
 */
final class CommittedEvents {

    /** Far more than a token keeps (Axon drops gaps 10,000 behind its position) and within PostgreSQL's limits. */
    private static final int MOST = 10_000;

    private final JdbcClient jdbc;
    private final String query;

    CommittedEvents(JdbcClient jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.query = "SELECT EXISTS (SELECT 1 FROM " + schema.domainEventTable() + " WHERE "
                     + schema.globalIndexColumn() + " IN (:indexes))";
    }

    boolean anyOf(Collection<Long> indexes) {
        if (indexes.isEmpty()) {
            return false;
        }
        List<Long> some = indexes.stream().limit(MOST).toList();
        return Boolean.TRUE.equals(jdbc.sql(query).param("indexes", some).query(Boolean.class).single());
    }
}
