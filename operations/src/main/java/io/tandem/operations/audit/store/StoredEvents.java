package io.tandem.operations.audit.store;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads events as stored, from either event store: SQL over {@code domainevententry}, or Axon's streams and
 * aggregate reads (Axon Server). The audit trail never deserializes a payload to read it.
 */
public interface StoredEvents {

    /** The aggregate's events from this sequence number on, at most {@code limit} of them, in order. */
    List<StoredEvent> aggregate(String aggregateId, long fromSequence, int limit);

    /**
     * Hands every event from position {@code from} up to {@code to} (both included) to the reader in global order,
     * until the reader answers false.
     */
    void range(long from, long to, Predicate<StoredEvent> reader);

    /** The events at these positions (those that exist), in global order. */
    List<StoredEvent> at(Collection<Long> positions);
}
