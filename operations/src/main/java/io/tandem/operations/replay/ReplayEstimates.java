package io.tandem.operations.replay;

import io.tandem.operations.OperationsTables;
import io.tandem.operations.processor.BoardViews.ProcessorView;
import io.tandem.operations.processor.ProcessorBoards;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Locale;
import java.util.Optional;

/**
 * How long a replay of so many positions should take, from the best speed measured: this processor's last replay,
 * else the last replay of any processor, else the processor's own speed while it catches up on the board. Replays
 * of fewer positions than {@value #MEANINGFUL} are too short to say how fast a replay goes and are passed over.
 */
class ReplayEstimates {

    static final long MEANINGFUL = 1000;

    /** @param seconds absent when no speed was ever measured */
    record Estimate(Double seconds, String basis) {
    }

    private final JdbcClient jdbc;
    private final String table;
    private final ProcessorBoards boards;

    ReplayEstimates(JdbcClient jdbc, OperationsTables tables, ProcessorBoards boards) {
        this.jdbc = jdbc;
        this.table = tables.table("ops_replay");
        this.boards = boards;
    }

    Estimate estimate(String processor, long positions) {
        Optional<Measured> own = lastReplay("processor = ?", processor);
        if (own.isPresent()) {
            return own.get().estimate(positions, "the last replay of " + processor);
        }
        Optional<Measured> any = lastReplay("TRUE", null);
        if (any.isPresent()) {
            return any.get().estimate(positions, "the last replay of " + any.get().processor());
        }
        ProcessorView view = boards.current().processors().stream().filter(p -> p.name().equals(processor))
                                   .findFirst().orElse(null);
        if (view != null && view.eventsPerSecond() != null && view.eventsPerSecond() > 0
            && view.lagEvents() != null && view.lagEvents() > 0) {
            return new Measured(processor, view.eventsPerSecond()).estimate(positions, "its speed while catching up");
        }
        return new Estimate(null, "no replay has been measured yet");
    }

    private Optional<Measured> lastReplay(String condition, String processor) {
        var query = jdbc.sql("SELECT processor, replayed_positions / GREATEST(EXTRACT(EPOCH FROM finished_at"
                             + " - replaying_since), 0.001) FROM " + table + " WHERE state = 'DONE' AND "
                             + condition + " AND replayed_positions >= " + MEANINGFUL
                             + " ORDER BY finished_at DESC LIMIT 1");
        if (processor != null) {
            query = query.param(processor);
        }
        return query.query((row, n) -> new Measured(row.getString(1), row.getDouble(2))).optional();
    }

    private record Measured(String processor, double perSecond) {

        Estimate estimate(long positions, String source) {
            double seconds = Math.round(positions / perSecond * 10) / 10.0;
            return new Estimate(seconds, String.format(Locale.ROOT, "%s: %,.0f events/s", source, perSecond));
        }
    }
}
