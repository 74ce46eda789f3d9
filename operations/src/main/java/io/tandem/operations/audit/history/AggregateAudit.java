package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.history.HistoryViews.Blame;
import io.tandem.operations.audit.history.HistoryViews.HistoryPage;
import io.tandem.operations.audit.history.HistoryViews.StateAt;
import io.tandem.operations.audit.history.HistoryViews.StateDiff;
import io.tandem.operations.audit.history.TimeTravel.Replayed;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.view.EventView;
import io.tandem.operations.audit.view.EventViews;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One aggregate's audit trail: its history, its state at a version or a time, diffs between versions, blame. */
class AggregateAudit {

    private final StoredEvents events;
    private final TimeTravel timeTravel;
    private final EventViews views;
    private final Causes causes;

    AggregateAudit(StoredEvents events, TimeTravel timeTravel, EventViews views, Causes causes) {
        this.events = events;
        this.timeTravel = timeTravel;
        this.views = views;
        this.causes = causes;
    }

    HistoryPage history(String aggregateId, long fromSequence, int limit, AuditViewer viewer) {
        List<StoredEvent> page = events.aggregate(aggregateId, Math.max(0, fromSequence), limit + 1);
        if (page.isEmpty()) {
            List<StoredEvent> first = events.aggregate(aggregateId, 0, 1);
            if (first.isEmpty()) {
                throw AuditRequests.aggregateNotFound(aggregateId);
            }
            return new HistoryPage(aggregateId, first.get(0).aggregateType(), List.of(), null);
        }
        boolean more = page.size() > limit;
        List<StoredEvent> shown = more ? page.subList(0, limit) : page;
        StoredEvent last = shown.get(shown.size() - 1);
        return new HistoryPage(aggregateId, last.aggregateType(),
                               shown.stream().map(event -> views.view(event, viewer)).toList(),
                               more ? last.sequenceNumber() + 1 : null);
    }

    StateAt state(String aggregateId, Long sequence, Instant at, AuditViewer viewer) {
        if (sequence != null && at != null) {
            throw AuditRequests.invalid("invalid_request", "Give seq or at, not both.");
        }
        List<StoredEvent> history = timeTravel.eventsUpTo(aggregateId, sequence);
        long target = sequence != null ? TimeTravel.requireSequence(history, sequence)
                : at != null ? TimeTravel.sequenceAt(history, at)
                : history.get(history.size() - 1).sequenceNumber();
        List<StoredEvent> upTo = history.stream().filter(event -> event.sequenceNumber() <= target).toList();
        Replayed replayed = timeTravel.replay(upTo, viewer, seq -> seq == target);
        StoredEvent last = upTo.get(upTo.size() - 1);
        return new StateAt(aggregateId, last.aggregateType(), target, last.timestamp(), replayed.method(),
                           replayed.states().get(target));
    }

    StateDiff diff(String aggregateId, Long from, long to, AuditViewer viewer) {
        long fromSequence = from == null ? to - 1 : from;
        if (fromSequence < -1 || fromSequence > to) {
            throw AuditRequests.invalid("invalid_range", "from must be between -1 (nothing yet) and to.");
        }
        List<StoredEvent> history = timeTravel.eventsUpTo(aggregateId, to);
        TimeTravel.requireSequence(history, to);
        Replayed replayed = timeTravel.replay(history, viewer, seq -> seq == fromSequence || seq == to);
        JsonNode before = replayed.states().getOrDefault(fromSequence, JsonNodeFactory.instance.objectNode());
        return new StateDiff(aggregateId, history.get(0).aggregateType(), fromSequence, to, replayed.method(),
                             JsonPaths.diff(JsonPaths.flatten(before), JsonPaths.flatten(replayed.states().get(to))));
    }

    Blame blame(String aggregateId, String field, Long asOf, AuditViewer viewer) {
        List<StoredEvent> history = timeTravel.eventsUpTo(aggregateId, asOf);
        long last = asOf == null ? history.get(history.size() - 1).sequenceNumber()
                                 : TimeTravel.requireSequence(history, asOf);
        Replayed replayed = timeTravel.replay(history, viewer, seq -> true);
        Map<String, JsonNode> previous = Map.of();
        StoredEvent setBy = null;
        for (StoredEvent event : history) {
            Map<String, JsonNode> now = JsonPaths.under(JsonPaths.flatten(replayed.states().get(event.sequenceNumber())),
                                                        field);
            if (!Objects.equals(now, previous)) {
                setBy = now.isEmpty() ? null : event;
            }
            previous = now;
        }
        if (setBy == null) {
            throw AuditRequests.notFound("field_not_found", "The aggregate's state has no field '" + field
                                                            + "' at sequence number " + last + ".");
        }
        EventView shown = views.view(setBy, viewer);
        return new Blame(aggregateId, setBy.aggregateType(), field, value(previous, field), last, replayed.method(),
                         shown, causes.of(views.metadata(setBy, AuditViewer.MASKED)));
    }

    private static JsonNode value(Map<String, JsonNode> paths, String field) {
        if (paths.size() == 1 && paths.containsKey(field)) {
            return paths.get(field);
        }
        ObjectNode parts = JsonNodeFactory.instance.objectNode();
        paths.forEach(parts::set);
        return parts;
    }
}
