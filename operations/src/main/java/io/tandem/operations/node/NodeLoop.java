package io.tandem.operations.node;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work this node repeats on a daemon thread of its own (polling the control table, publishing heartbeats, working
 * replay and rebuild plans), started and stopped with its owner's lifecycle. A round that throws would end the loop,
 * so every owner catches and logs its own failures.
 */
public final class NodeLoop {

    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    private final String threadName;
    private final Duration firstDelay;
    private final Duration interval;
    private final Runnable round;
    private volatile ScheduledExecutorService scheduler;

    /**
     * @param firstDelay how long after the start the first round runs
     * @param interval   the pause between the end of a round and the start of the next
     */
    public NodeLoop(String threadName, Duration firstDelay, Duration interval, Runnable round) {
        this.threadName = threadName;
        this.firstDelay = firstDelay;
        this.interval = interval;
        this.round = round;
    }

    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(round, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = started;
    }

    /** Runs a round now rather than at the next interval, if the loop runs. */
    public void nudge() {
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            current.execute(round);
        }
    }

    /** Stops the loop, letting a round under way finish (at most 10 s), so the owner may clean up after it. */
    public void stop() {
        ScheduledExecutorService current = scheduler;
        scheduler = null;
        if (current == null) {
            return;
        }
        current.shutdownNow();
        try {
            current.awaitTermination(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return scheduler != null;
    }
}
