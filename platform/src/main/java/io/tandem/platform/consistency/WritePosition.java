package io.tandem.platform.consistency;

import java.util.Set;

/**
 * Where in the event store a reader must have got to in order to see a write.
 *
 * @param index            a global index of the event store
 * @param includingEarlier whether everything committed before {@code index} counts too (a head position)
 * @param sequenceIds      the sequences (aggregates) of the write's events, when known
 */
record WritePosition(long index, boolean includingEarlier, Set<String> sequenceIds) {

    static WritePosition ofWrite(long index, Set<String> sequenceIds) {
        return new WritePosition(index, false, sequenceIds);
    }

    static WritePosition head(long index) {
        return new WritePosition(index, true, Set.of());
    }
}
