package io.tandem.platform.consistency;

import io.tandem.api.consistency.ConsistencyQueries.AwaitProcessedQuery;
import io.tandem.api.consistency.ConsistencyQueries.ProcessedAnswer;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Answers {@link AwaitProcessedQuery} for the event processors of this node, on every side (the write endpoints
 * ask with scatter-gather, so each side answers for the processors it runs). No thread waits: a pending answer is
 * looked at again whenever a processor of this node finishes a batch ({@link ProgressSignals}) and, while any is
 * pending, every {@code tandem.consistency.recheck-interval} (for tracking processors, whose status moves after
 * their batch, and for segments of other nodes, read from the token table at most every
 * {@code tandem.consistency.store-read-interval}).
 */
class ProcessedPositions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessedPositions.class);

    private final ProcessorProgress progress;
    private final long recheckNanos;
    private final long storeReadNanos;
    private final Set<PendingWait> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private final AtomicBoolean recheckScheduled = new AtomicBoolean();
    private final ScheduledExecutorService checker =
            Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("read-your-writes"));

    ProcessedPositions(ProcessorProgress progress, Duration recheckInterval, Duration storeReadInterval) {
        this.progress = progress;
        this.recheckNanos = recheckInterval.toNanos();
        this.storeReadNanos = storeReadInterval.toNanos();
    }

    @QueryHandler
    CompletableFuture<ProcessedAnswer> handle(AwaitProcessedQuery query) {
        Set<String> hosted = query.processors().stream().filter(progress::hosts).collect(Collectors.toSet());
        PendingWait wait = new PendingWait(query, hosted, System.nanoTime(), storeReadNanos);
        if (!wait.check(progress, System.nanoTime())) {
            pending.add(wait);
            scheduleRecheck();
            progressed();
        }
        return wait.answer();
    }

    /** A processor of this node committed a batch: look at the pending answers again (on the checker thread). */
    void progressed() {
        if (!pending.isEmpty() && checkQueued.compareAndSet(false, true)) {
            checker.execute(() -> {
                checkQueued.set(false);
                checkPending();
            });
        }
    }

    private void scheduleRecheck() {
        if (recheckScheduled.compareAndSet(false, true)) {
            checker.schedule(() -> {
                recheckScheduled.set(false);
                checkPending();
                if (!pending.isEmpty()) {
                    scheduleRecheck();
                }
            }, recheckNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkPending() {
        for (PendingWait wait : pending) {
            try {
                if (wait.check(progress, System.nanoTime())) {
                    pending.remove(wait);
                }
            } catch (RuntimeException e) {
                log.warn("Cannot tell how far the processors are; answering with what is known", e);
                pending.remove(wait);
                wait.answer().completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
