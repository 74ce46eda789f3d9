package io.tandem.query.flight.search;

import io.tandem.query.flight.search.SearchVersions.IndexState;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one batch of the flight-search projection changed; {@link FlightSearchProjection} writes it to the index
 * once, before the batch commits.
 */
final class SearchBatch {

    final IndexState state;
    final Set<String> changed = new LinkedHashSet<>();
    final Set<String> searchabilityChanged = new LinkedHashSet<>();
    /** The events that changed each schedule, by event id: parked if its document is refused. */
    final Map<String, Map<String, EventMessage<?>>> changedBy = new HashMap<>();
    EventMessage<?> current;
    /** A live event is in the batch: write with refresh=wait_for and tell watchers. */
    boolean live;
    /** An event past the reset position is in the batch: the replay is over. */
    boolean pastReplay;
    TrackingToken lastToken;

    SearchBatch(IndexState state) {
        this.state = state;
    }

    int version() {
        return state.writeVersion();
    }

    void changed(String scheduleId) {
        changed.add(scheduleId);
        if (current != null) {
            changedBy.computeIfAbsent(scheduleId, id -> new LinkedHashMap<>())
                     .put(current.getIdentifier(), current);
        }
    }

    void searchabilityChanged(String scheduleId) {
        if (live) {
            searchabilityChanged.add(scheduleId);
        }
    }
}
