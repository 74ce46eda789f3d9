package io.tandem.operations.replay;

import io.tandem.operations.OperationsTables;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/**
 * Progress samples of replaying plans ({@code ops_replay_sample}), taken by the node working the plan every tick,
 * so any node can measure the speed over the same sliding window. Samples older than the window go.
 */
class ReplaySamples {

    /**
     * How far the replay was at a moment, summed over segments.
     *
     * @param covered   positions replayed since the start position
     * @param remaining positions left up to where each segment stood at the reset
     */
    record Sample(Instant at, long covered, long remaining, int segments) {
    }

    private final JdbcClient jdbc;
    private final String table;

    ReplaySamples(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.table = tables.table("ops_replay_sample");
    }

    void record(String replayId, long covered, long remaining, int segments, Duration window) {
        jdbc.sql("INSERT INTO " + table + " (replay_id, sampled_at, covered, remaining, segments)"
                 + " VALUES (?, clock_timestamp(), ?, ?, ?) ON CONFLICT DO NOTHING")
            .params(replayId, covered, remaining, segments).update();
        jdbc.sql("DELETE FROM " + table + " WHERE replay_id = ? AND sampled_at < now() - ?::interval")
            .params(replayId, window.toMillis() + " milliseconds").update();
    }

    /** The samples within the window, oldest first. */
    List<Sample> within(String replayId, Duration window) {
        return jdbc.sql("SELECT sampled_at, covered, remaining, segments FROM " + table
                        + " WHERE replay_id = ? AND sampled_at >= now() - ?::interval ORDER BY sampled_at")
                   .params(replayId, window.toMillis() + " milliseconds")
                   .query((row, n) -> new Sample(instant(row, 1), row.getLong(2), row.getLong(3),
                                                 row.getInt(4)))
                   .list();
    }

    void forget(String replayId) {
        jdbc.sql("DELETE FROM " + table + " WHERE replay_id = ?").param(replayId).update();
    }
}
