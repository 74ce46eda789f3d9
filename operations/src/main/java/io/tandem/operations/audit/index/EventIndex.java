package io.tandem.operations.audit.index;

import io.tandem.operations.OperationsTables;
import io.tandem.operations.audit.index.EventSearch.Where;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/** Reads the {@code audit_event_index}: lookups for the tracer, the history and the search. */
public class EventIndex {

    private static final String COLUMNS = "global_position, event_id, aggregate_type, aggregate_id, sequence_number,"
                                          + " event_type, payload_type, occurred_at, user_id, correlation_id,"
                                          + " causation_id, causation_type, command_causation_id,"
                                          + " command_causation_type, causation_saga";

    private final JdbcClient jdbc;
    private final String table;

    public EventIndex(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.table = tables.table("audit_event_index");
    }

    public Map<String, Long> positionsOf(Collection<String> eventIds) {
        Map<String, Long> positions = new HashMap<>();
        if (!eventIds.isEmpty()) {
            jdbc.sql("SELECT event_id, global_position FROM " + table + " WHERE event_id = ANY (?)")
                .param(eventIds.toArray(String[]::new))
                .query(row -> {
                    positions.put(row.getString(1), row.getLong(2));
                });
        }
        return positions;
    }

    public Optional<IndexedEvent> byEventId(String eventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE event_id = ?").param(eventId)
                   .query(EventIndex::indexed).optional();
    }

    /** Everything one request caused, in global order, up to the limit. */
    public List<IndexedEvent> byCorrelation(String correlationId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE correlation_id = ?"
                        + " ORDER BY global_position LIMIT ?")
                   .params(correlationId, limit).query(EventIndex::indexed).list();
    }

    /** A user's most recent requests, newest first: each request's correlation id, span and number of events. */
    public List<RequestSummary> requestsOf(String userId, int limit) {
        return jdbc.sql("SELECT correlation_id, min(occurred_at), max(occurred_at), count(*) FROM " + table
                        + " WHERE user_id = ? AND correlation_id IS NOT NULL GROUP BY correlation_id"
                        + " ORDER BY max(global_position) DESC LIMIT ?")
                   .params(userId, limit)
                   .query((row, n) -> new RequestSummary(row.getString(1), instant(row, 2),
                                                         instant(row, 3), row.getLong(4)))
                   .list();
    }

    /** One request as a user's list of traces shows it. */
    public record RequestSummary(String correlationId, Instant startedAt, Instant endedAt, long events) {
    }

    /**
     * Other requests that acted on these aggregates, oldest first: for the aggregates a request created, the rest of
     * their life (a booking's payment, its cancellation).
     */
    public List<String> laterRequestsOn(Collection<String> aggregateIds, String correlationId, int limit) {
        if (aggregateIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT correlation_id FROM " + table + " WHERE aggregate_id = ANY (?)"
                        + " AND correlation_id <> ? GROUP BY correlation_id ORDER BY min(global_position) LIMIT ?")
                   .params(aggregateIds.toArray(String[]::new), correlationId, limit).query(String.class).list();
    }

    /** Newest first: a page of matches older than the cursor position (all when null). */
    public List<IndexedEvent> search(EventSearch search, Long beforePosition, int limit) {
        Where where = beforePosition == null ? search.where() : search.where().and("global_position < ?",
                                                                                    beforePosition);
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE " + where.sql()
                        + " ORDER BY global_position DESC LIMIT " + limit)
                   .params(where.params()).query(EventIndex::indexed).list();
    }

    /** Oldest first: matches after the position, for the live tail. */
    public List<IndexedEvent> after(EventSearch search, long afterPosition, int limit) {
        Where where = search.where().and("global_position > ?", afterPosition);
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE " + where.sql()
                        + " ORDER BY global_position LIMIT " + limit)
                   .params(where.params()).query(EventIndex::indexed).list();
    }

    /** How many match, counting no further than {@code atMost} (enough to refuse an export that is too large). */
    public long count(EventSearch search, long atMost) {
        Where where = search.where();
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM " + table + " WHERE " + where.sql() + " LIMIT "
                        + atMost + ") matches")
                   .params(where.params()).query(Long.class).single();
    }

    /** Every match, oldest first, streamed page by page to the consumer (exports). */
    public void forEach(EventSearch search, int pageSize, Consumer<List<IndexedEvent>> pages) {
        long after = Long.MIN_VALUE;
        while (true) {
            List<IndexedEvent> page = after(search, after, pageSize);
            if (page.isEmpty()) {
                return;
            }
            pages.accept(page);
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).globalPosition();
        }
    }

    public Optional<Long> newestPosition() {
        return Optional.ofNullable(jdbc.sql("SELECT max(global_position) FROM " + table).query(Long.class).single());
    }

    private static IndexedEvent indexed(ResultSet row, int number) throws SQLException {
        long sequence = row.getLong(5);
        return new IndexedEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                                row.wasNull() ? null : sequence, row.getString(6), row.getString(7),
                                instant(row, 8), row.getString(9), row.getString(10),
                                row.getString(11), row.getString(12), row.getString(13), row.getString(14),
                                row.getString(15));
    }
}
