package io.tandem.operations.rebuild;

import io.tandem.operations.OperationsTables;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/**
 * Where the shadow processor stood, sampled by the working node every tick ({@code ops_rebuild_sample}), so any node
 * measures the speed over the same sliding window. Samples older than the window go.
 */
class RebuildSamples {

    record Sample(Instant at, long position) {
    }

    private final JdbcClient jdbc;
    private final String table;

    RebuildSamples(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.table = tables.table("ops_rebuild_sample");
    }

    void record(String rebuildId, long position, Duration window) {
        jdbc.sql("INSERT INTO " + table + " (rebuild_id, sampled_at, position) VALUES (?, clock_timestamp(), ?)"
                 + " ON CONFLICT DO NOTHING")
            .params(rebuildId, position).update();
        jdbc.sql("DELETE FROM " + table + " WHERE rebuild_id = ? AND sampled_at < now() - ?::interval")
            .params(rebuildId, window.toMillis() + " milliseconds").update();
    }

    /** The samples within the window, oldest first. */
    List<Sample> within(String rebuildId, Duration window) {
        return jdbc.sql("SELECT sampled_at, position FROM " + table
                        + " WHERE rebuild_id = ? AND sampled_at >= now() - ?::interval ORDER BY sampled_at")
                   .params(rebuildId, window.toMillis() + " milliseconds")
                   .query((row, n) -> new Sample(instant(row, 1), row.getLong(2)))
                   .list();
    }

    void forget(String rebuildId) {
        jdbc.sql("DELETE FROM " + table + " WHERE rebuild_id = ?").param(rebuildId).update();
    }
}
