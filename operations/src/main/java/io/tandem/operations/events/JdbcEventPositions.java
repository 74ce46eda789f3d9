package io.tandem.operations.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;

/** Positions in the JDBC event store: {@code domainevententry} of this node's schema, read by its global index. */
public class JdbcEventPositions implements EventPositions {

    private final JdbcClient jdbc;
    // an event's timestamp never changes, so what was read once is kept
    private final Cache<Long, Instant> timestamps = Caffeine.newBuilder().maximumSize(10_000).build();

    public JdbcEventPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredPosition> head() {
        return jdbc.sql("SELECT globalindex, timestamp FROM domainevententry ORDER BY globalindex DESC LIMIT 1")
                   .query((row, n) -> new StoredPosition(row.getLong(1), DateTimeUtils.parseInstant(row.getString(2))))
                   .optional();
    }

    @Override
    public long beforeFirst() {
        Long first = jdbc.sql("SELECT min(globalindex) FROM domainevententry").query(Long.class).single();
        return first == null ? 0 : first - 1;
    }

    /** The JDBC store's own kind of token, without gaps: everything up to the position is settled history. */
    @Override
    public TrackingToken tokenAt(long position) {
        return position < 0 ? null : GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
    }

    @Override
    public Optional<Instant> timestampAt(long position) {
        Instant cached = timestamps.getIfPresent(position);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Instant> read = jdbc.sql("""
                                          SELECT timestamp FROM domainevententry WHERE globalindex <= ?
                                          ORDER BY globalindex DESC LIMIT 1""")
                                     .param(position)
                                     .query(String.class).optional().map(DateTimeUtils::parseInstant);
        read.ifPresent(timestamp -> timestamps.put(position, timestamp));
        return read;
    }
}
