package io.tandem.api.consistency;

import java.util.Set;

public final class ConsistencyQueries {

    private ConsistencyQueries() {
    }

    /**
     * Asks every node that runs some of the named event processors to answer once they have handled the event at
     * {@code position} (a global index of the event store), or once {@code timeoutMillis} have passed, whichever
     * comes first.
     *
     * @param position         global index of the last event of the write
     * @param includingEarlier whether every event committed before {@code position} must be handled too (true when
     *                         the position is the head of the store rather than the write's own last event, since
     *                         with PostgreSQL an earlier transaction may commit after a later one)
     * @param processors       the processing groups to wait for
     * @param sequenceIds      the sequence identifiers (aggregate identifiers) of the write's events when known,
     *                         else empty: a segment that none of them belongs to need not have reached the position
     */
    public record AwaitProcessedQuery(long position, boolean includingEarlier, Set<String> processors,
                                      Set<String> sequenceIds, long timeoutMillis) {
    }

    /**
     * One node's answer: which of the asked processors it runs ({@code hosted}), and which of those had handled the
     * position when it answered ({@code reached}).
     */
    public record ProcessedAnswer(Set<String> hosted, Set<String> reached) {
    }
}
