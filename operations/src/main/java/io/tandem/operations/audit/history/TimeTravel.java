package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.operations.audit.store.StoredEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Rebuilds an aggregate's state at any of its versions from its stored events: by sequence number or by time, and
 * the states after every event when a field is followed through the history.
 */
class TimeTravel {

    private static final int READ_PAGE = 1_000;

    private final StoredEvents events;
    private final AggregateFolds folds;

    TimeTravel(StoredEvents events, AggregateFolds folds) {
        this.events = events;
        this.folds = folds;
    }

    /** The aggregate's events up to and including this sequence number (all when null); 404 when it has none. */
    List<StoredEvent> eventsUpTo(String aggregateId, Long lastSequence) {
        List<StoredEvent> read = new ArrayList<>();
        long next = 0;
        while (lastSequence == null || next <= lastSequence) {
            List<StoredEvent> page = events.aggregate(aggregateId, next, READ_PAGE);
            for (StoredEvent event : page) {
                if (lastSequence != null && event.sequenceNumber() > lastSequence) {
                    return read;
                }
                read.add(event);
            }
            if (page.size() < READ_PAGE) {
                break;
            }
            next = page.get(page.size() - 1).sequenceNumber() + 1;
        }
        if (read.isEmpty()) {
            throw AuditRequests.aggregateNotFound(aggregateId);
        }
        return read;
    }

    /** The sequence number of the last event stored at or before the time; 404 when the aggregate began later. */
    static long sequenceAt(List<StoredEvent> history, Instant at) {
        long found = -1;
        for (StoredEvent event : history) {
            if (event.timestamp().isAfter(at)) {
                break;
            }
            found = event.sequenceNumber();
        }
        if (found < 0) {
            throw AuditRequests.notFound("no_state_at_time", "The aggregate did not exist yet at " + at + ".");
        }
        return found;
    }

    static long requireSequence(List<StoredEvent> history, long sequence) {
        long last = history.get(history.size() - 1).sequenceNumber();
        if (sequence < 0 || sequence > last) {
            throw AuditRequests.notFound("sequence_not_found", "The aggregate's events run from sequence number "
                                                               + history.get(0).sequenceNumber() + " to " + last
                                                               + "; there is no " + sequence + ".");
        }
        return sequence;
    }

    /**
     * Replays the history and keeps the state after each event whose sequence number is wanted. An aggregate
     * class that fails on a stored event (one that no longer reads) gives way to the fold of payloads.
     */
    Replayed replay(List<StoredEvent> history, AuditViewer viewer, LongPredicate wanted) {
        StateFold fold = folds.start(history.get(0).aggregateType(), viewer);
        try {
            return replay(fold, history, wanted);
        } catch (RuntimeException e) {
            if (fold instanceof EventFold) {
                throw e;
            }
            return replay(folds.fallback(viewer), history, wanted);
        }
    }

    private static Replayed replay(StateFold fold, List<StoredEvent> history, LongPredicate wanted) {
        Map<Long, ObjectNode> states = new LinkedHashMap<>();
        for (StoredEvent event : history) {
            fold.apply(event);
            if (wanted.test(event.sequenceNumber())) {
                states.put(event.sequenceNumber(), fold.state());
            }
        }
        return new Replayed(fold.method(), states);
    }

    /** @param states the state after each wanted event, by its sequence number, in order */
    record Replayed(String method, Map<Long, ObjectNode> states) {
    }
}
