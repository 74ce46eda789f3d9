package io.tandem.operations.events;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts in {@code domainevententry} by its global index, in one grouped scan of the range. */
public class JdbcEventCounts implements EventCounts {

    private final JdbcClient jdbc;

    public JdbcEventCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> byPayloadType(long after, long upTo) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT payloadtype, count(*) FROM domainevententry WHERE globalindex > ? AND globalindex <= ?"
                 + " GROUP BY payloadtype ORDER BY payloadtype")
            .params(after, upTo)
            .query(row -> {
                counts.put(row.getString(1), row.getLong(2));
            });
        return counts;
    }
}
