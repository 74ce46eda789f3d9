package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.operations.audit.history.JsonPaths.Change;
import io.tandem.operations.audit.index.IndexedEvent;
import io.tandem.operations.audit.view.EventView;

import java.time.Instant;
import java.util.List;

/** What the aggregate endpoints of the audit API answer. */
final class HistoryViews {

    private HistoryViews() {
    }

    /** @param nextSequence where the next page starts; null on the last page */
    record HistoryPage(String aggregateId, String aggregateType, List<EventView> events, Long nextSequence) {
    }

    /**
     * @param sequenceNumber the last event applied
     * @param timestamp      when that event was stored
     * @param rebuiltWith    {@code aggregate} (its class replayed its events) or {@code event-fold} (payloads merged)
     */
    record StateAt(String aggregateId, String aggregateType, long sequenceNumber, Instant timestamp,
                   String rebuiltWith, JsonNode state) {
    }

    /** @param fromSequence -1 for the state before the first event (nothing) */
    record StateDiff(String aggregateId, String aggregateType, long fromSequence, long toSequence, String rebuiltWith,
                     List<Change> changes) {
    }

    /**
     * Which event last set a field (as of a sequence number), who sent it, and what made them.
     *
     * @param value the field's value then (an object of sub-paths when the field is a list or an object)
     */
    record Blame(String aggregateId, String aggregateType, String field, JsonNode value, long asOfSequence,
                 String rebuiltWith, EventView setBy, Cause cause) {
    }

    /**
     * What made the command whose handler applied the event.
     *
     * @param kind    {@code request} (an HTTP request: the event's own user and address), {@code event} (a saga or
     *                handler reacting to {@link #event}), {@code deadline} (a deadline named {@link #name}),
     *                or {@code unknown} (events stored before causes were recorded)
     * @param command the command, when one applied the event
     */
    record Cause(String kind, String command, String name, IndexedEvent event) {
    }
}
