package io.tandem.query.flight.search;

import io.tandem.query.flight.search.SearchVersions.IndexState;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends a rebuild: makes the version the replay wrote live (the alias moves in one atomic request), then drops the
 * old version's rows and index.
 * <p>
 * The projection ends it itself when a batch holds an event past the reset position. When no new event comes, this
 * watcher does: every node polls the projection's committed tokens while a rebuild is on, and switches once they
 * have reached the position of the reset (the last replayed batch committed). Both paths update the state row
 * conditionally, so only one of them switches.
 */
@Component
class IndexSwitch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexSwitch.class);
    private static final long CHECK_MILLIS = 250;

    private final SearchVersions versions;
    private final ScheduleIndex index;
    private final TransactionTemplate transactions;
    private final SearchProgress progress;
    private ScheduledExecutorService watcher;
    private volatile boolean failing;

    IndexSwitch(SearchVersions versions, ScheduleIndex index, TransactionTemplate transactions,
                SearchProgress progress) {
        this.versions = versions;
        this.index = index;
        this.transactions = transactions;
        this.progress = progress;
    }

    /**
     * Within the caller's transaction: makes {@code state.building()} live unless that already happened.
     *
     * @return whether this call switched
     */
    boolean finish(IndexState state) {
        if (!versions.finishBuilding(state)) {
            return false;
        }
        index.goLive(state.building());
        versions.deleteVersion(state.live());
        log.info("Flight search rebuilt: version {} replaces {}", state.building(), state.live());
        return true;
    }

    /** After a switch has committed: deletes the indices of versions no longer in use. */
    void dropOldIndices() {
        IndexState state = versions.state();
        index.deleteAllBut(state.live(), state.building());
    }

    void checkReplay() {
        IndexState state = versions.state();
        if (state.building() == null || !replayFinished()) {
            return;
        }
        Boolean switched = transactions.execute(status -> {
            IndexState locked = versions.lockState();
            return locked.equals(state) && finish(locked);
        });
        if (Boolean.TRUE.equals(switched)) {
            dropOldIndices();
        }
    }

    /**
     * Whether every segment's committed token has got past the reset position: read from the token table, so any
     * node can tell, and a status left from before a restart of the processor cannot mislead it.
     */
    private boolean replayFinished() {
        List<TrackingToken> tokens = progress.storedTokens();
        return !tokens.isEmpty() && tokens.stream().allMatch(IndexSwitch::replayed);
    }

    private static boolean replayed(TrackingToken token) {
        if (token == null) {
            return false;
        }
        ReplayToken replay = WrappedToken.unwrap(token, ReplayToken.class).orElse(null);
        if (replay == null) {
            return true; // past the reset position, or nothing was processed before the reset
        }
        TrackingToken current = replay.getCurrentToken();
        return current != null && current.covers(replay.getTokenAtReset());
    }

    @Override
    public synchronized void start() {
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flight-search-index-switch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                checkReplay();
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("Could not check the flight search rebuild; trying again every {} ms", CHECK_MILLIS, e);
                }
                failing = true;
            }
        }, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watcher != null;
    }
}
