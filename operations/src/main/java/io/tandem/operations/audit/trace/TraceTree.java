package io.tandem.operations.audit.trace;

import io.tandem.operations.audit.index.IndexedEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one request's tree from its events, in global order: each event under the command that applied it, each
 * command under what sent it (the request, an event a saga or handler reacted to, a deadline), sagas between an
 * event and the commands they sent. Sagas, deadlines and dead letters found elsewhere are added by {@link Tracer}.
 */
final class TraceTree {

    private final TraceNode root;
    private final Map<String, TraceNode> nodes = new LinkedHashMap<>();

    TraceTree(String correlationId, IndexedEvent first) {
        this.root = TraceNode.of("request", correlationId, null, first.occurredAt());
        if (first.userId() != null) {
            root.details().put("user_id", first.userId());
        }
    }

    TraceNode root() {
        return root;
    }

    Optional<TraceNode> event(String eventId) {
        return Optional.ofNullable(nodes.get(eventId)).filter(node -> "event".equals(node.kind()));
    }

    void add(IndexedEvent event) {
        TraceNode node = TraceNode.event(event);
        nodes.put(event.eventId(), node);
        parentOf(event).add(node);
    }

    private TraceNode parentOf(IndexedEvent event) {
        return switch (kind(event.causationType())) {
            case "command" -> command(event);
            case "event" -> nodes.getOrDefault(event.causationId(), root);
            case "deadline" -> deadline(event.causationId(), name(event.causationType()), event.causationSaga(),
                                        event.occurredAt());
            default -> root;
        };
    }

    private TraceNode command(IndexedEvent event) {
        TraceNode existing = nodes.get(event.causationId());
        if (existing != null) {
            return existing;
        }
        TraceNode command = TraceNode.of("command", event.causationId(), name(event.causationType()),
                                         event.occurredAt());
        if (event.causationSaga() != null) {
            command.details().put("sent_by_saga", event.causationSaga());
        }
        nodes.put(event.causationId(), command);
        TraceNode parent = switch (kind(event.commandCausationType())) {
            case "event" -> nodes.containsKey(event.commandCausationId())
                    ? viaSaga(event.causationSaga(), nodes.get(event.commandCausationId())) : root;
            case "deadline" -> deadline(event.commandCausationId(), name(event.commandCausationType()),
                                        event.causationSaga(), event.occurredAt());
            default -> root;
        };
        return parent.add(command);
    }

    /** A deadline that fired: under its saga's node when one is known, else under the request. */
    private TraceNode deadline(String id, String name, String saga, Instant at) {
        TraceNode existing = nodes.get(id);
        if (existing != null) {
            return existing;
        }
        TraceNode deadline = TraceNode.of("deadline", id, name, at);
        deadline.details().put("status", "fired");
        nodes.put(id, deadline);
        TraceNode parent = saga == null ? root : sagaNodeOf(saga).orElse(root);
        if (saga != null) {
            deadline.details().put("saga", saga);
        }
        return parent.add(deadline);
    }

    private TraceNode viaSaga(String saga, TraceNode event) {
        if (saga == null) {
            return event;
        }
        int space = saga.indexOf(' ');
        TraceNode step = sagaStep(space < 0 ? saga : saga.substring(0, space), event);
        if (space > 0) {
            step.details().putIfAbsent("saga_id", saga.substring(space + 1));
        }
        return step;
    }

    /** The node of this saga type reacting to this event, made on first use. */
    TraceNode sagaStep(String sagaType, TraceNode event) {
        String key = "saga:" + sagaType + "@" + event.id();
        TraceNode existing = nodes.get(key);
        if (existing != null) {
            return existing;
        }
        TraceNode step = TraceNode.of("saga", key, sagaType, event.at());
        nodes.put(key, step);
        return event.add(step);
    }

    /** The first node of a saga ({@code "<Type> <id>"}) or of its type, if the tree has one. */
    Optional<TraceNode> sagaNodeOf(String saga) {
        int space = saga.indexOf(' ');
        String type = space < 0 ? saga : saga.substring(0, space);
        String id = space < 0 ? null : saga.substring(space + 1);
        List<TraceNode> steps = nodes.values().stream()
                                     .filter(node -> "saga".equals(node.kind()) && type.equals(node.name()))
                                     .toList();
        return steps.stream().filter(node -> id != null && id.equals(node.details().get("saga_id"))).findFirst()
                    .or(() -> steps.stream().findFirst());
    }

    private static String kind(String type) {
        if (type == null || type.isBlank()) {
            return "";
        }
        int space = type.indexOf(' ');
        return space < 0 ? type : type.substring(0, space);
    }

    private static String name(String type) {
        int space = type == null ? -1 : type.indexOf(' ');
        return space < 0 ? type : type.substring(space + 1);
    }
}
