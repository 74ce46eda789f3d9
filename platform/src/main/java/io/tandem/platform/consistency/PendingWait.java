package io.tandem.platform.consistency;

import io.tandem.api.consistency.ConsistencyQueries.AwaitProcessedQuery;
import io.tandem.api.consistency.ConsistencyQueries.ProcessedAnswer;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One {@link AwaitProcessedQuery} being answered: the processors of this node it names, and those done. */
final class PendingWait {

    private final AwaitProcessedQuery query;
    private final Set<String> hosted;
    private final Set<String> reached = new HashSet<>();
    private final long deadlineNanos;
    private final long readIntervalNanos;
    private final CompletableFuture<ProcessedAnswer> answer = new CompletableFuture<>();
    private long nextReadNanos;

    PendingWait(AwaitProcessedQuery query, Set<String> hosted, long nowNanos, long readIntervalNanos) {
        this.query = query;
        this.hosted = Set.copyOf(hosted);
        this.deadlineNanos = nowNanos + query.timeoutMillis() * 1_000_000;
        this.readIntervalNanos = readIntervalNanos;
        this.nextReadNanos = nowNanos;
    }

    /**
     * Looks again; reads the database at most once per read interval.
     *
     * @return whether the wait is over (every processor there, or out of time), its answer then completed
     */
    boolean check(ProcessorProgress progress, long nowNanos) {
        boolean mayRead = nowNanos - nextReadNanos >= 0;
        if (mayRead) {
            nextReadNanos = nowNanos + readIntervalNanos;
        }
        for (String processor : hosted) {
            if (!reached.contains(processor) && progress.reached(processor, query, mayRead)) {
                reached.add(processor);
            }
        }
        if (reached.size() == hosted.size() || nowNanos - deadlineNanos >= 0) {
            answer.complete(new ProcessedAnswer(hosted, Set.copyOf(reached)));
            return true;
        }
        return false;
    }

    CompletableFuture<ProcessedAnswer> answer() {
        return answer;
    }
}
