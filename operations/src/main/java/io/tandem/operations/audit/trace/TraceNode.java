package io.tandem.operations.audit.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tandem.operations.audit.index.IndexedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a trace: the request, a command, an event, a saga reacting to an event, a deadline, a dead letter.
 * Commands are never stored; they are rebuilt from the metadata of the events they applied.
 *
 * @param kind     {@code request}, {@code command}, {@code event}, {@code saga}, {@code deadline} or
 *                 {@code dead-letter}
 * @param name     the command, event or saga type, the deadline's name, the dead letter's processing group
 * @param details  what only some kinds have (a saga's association and instance, a deadline's status)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceNode(String kind, String id, String name, Instant at, Long globalPosition, String aggregateType,
                        String aggregateId, Long sequenceNumber, String userId, Map<String, Object> details,
                        List<TraceNode> children) {

    static TraceNode of(String kind, String id, String name, Instant at) {
        return new TraceNode(kind, id, name, at, null, null, null, null, null, new LinkedHashMap<>(),
                             new ArrayList<>());
    }

    static TraceNode event(IndexedEvent event) {
        return new TraceNode("event", event.eventId(), event.eventType(), event.occurredAt(), event.globalPosition(),
                             event.aggregateType(), event.aggregateId(), event.sequenceNumber(), event.userId(),
                             new LinkedHashMap<>(), new ArrayList<>());
    }

    TraceNode add(TraceNode child) {
        children.add(child);
        return child;
    }
}
