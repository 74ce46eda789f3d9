package io.tandem.operations.audit.store;

import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/** Events in the JDBC event store: {@code domainevententry} of this node's schema, read by SQL, bytes untouched. */
public class JdbcStoredEvents implements StoredEvents {

    private static final String COLUMNS = "globalindex, eventidentifier, type, aggregateidentifier, sequencenumber,"
                                          + " timestamp, payloadtype, payloadrevision, payload, metadata";
    private static final int PAGE = 2_000;

    private final JdbcClient jdbc;

    public JdbcStoredEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StoredEvent> aggregate(String aggregateId, long fromSequence, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND sequencenumber >= ? ORDER BY sequencenumber LIMIT ?")
                   .params(aggregateId, fromSequence, limit)
                   .query(JdbcStoredEvents::event)
                   .list();
    }

    /** Page by page along the primary key, so no transaction holds a cursor open while the reader works. */
    @Override
    public void range(long from, long to, Predicate<StoredEvent> reader) {
        long next = from;
        while (next <= to) {
            List<StoredEvent> page = jdbc.sql("SELECT " + COLUMNS + " FROM domainevententry"
                                              + " WHERE globalindex >= ? AND globalindex <= ? ORDER BY globalindex"
                                              + " LIMIT " + PAGE)
                                         .params(next, to)
                                         .query(JdbcStoredEvents::event)
                                         .list();
            for (StoredEvent event : page) {
                if (!reader.test(event)) {
                    return;
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            next = page.get(page.size() - 1).globalPosition() + 1;
        }
    }

    @Override
    public List<StoredEvent> at(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM domainevententry WHERE globalindex = ANY (?)"
                        + " ORDER BY globalindex")
                   .param(positions.toArray(Long[]::new))
                   .query(JdbcStoredEvents::event)
                   .list();
    }

    private static StoredEvent event(ResultSet row, int number) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                               DateTimeUtils.parseInstant(row.getString(6)), row.getString(7), row.getString(8),
                               row.getBytes(9), row.getBytes(10));
    }
}
