package io.tandem.operations.events;

import org.axonframework.eventhandling.TrackingToken;

import java.time.Instant;
import java.util.Optional;

/**
 * Positions in the event stream and when the events at them were stored, for measuring how far behind a processor
 * is in events and in seconds. One implementation per event store: SQL on the JDBC store, a short-lived stream on
 * Axon Server.
 */
public interface EventPositions {

    /** The newest stored event; empty while the store has none. */
    Optional<StoredPosition> head();

    /** The position a processor that has handled nothing stands at: just before the first event. */
    long beforeFirst();

    /**
     * The token of a processor that has handled every event up to and including this position (its next event is
     * the one after); null for a position before the first event.
     */
    TrackingToken tokenAt(long position);

    /** When the event at this position (or, across a gap, the nearest one before it) was stored. */
    Optional<Instant> timestampAt(long position);

    record StoredPosition(long position, Instant timestamp) {
    }
}
