package io.tandem.operations.audit.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.index.IndexedEvent;
import io.tandem.operations.audit.saga.DeadLetterStore;
import io.tandem.operations.audit.saga.PendingDeadlines;
import io.tandem.operations.audit.saga.SagaStore;
import io.tandem.operations.audit.saga.SagaTypes;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.view.EventViews;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The correlation tracer: finds a request by its correlation id (or one of its events' ids) in the event index and
 * builds its tree, then adds what the index does not hold: the sagas its events were routed to, live saga instances,
 * deadlines still pending, dead letters.
 */
public class Tracer {

    static final int MAX_EVENTS = 2_000;
    static final int MAX_RELATED = 5;

    private final EventIndex index;
    private final StoredEvents events;
    private final EventViews views;
    private final SagaTypes sagaTypes;
    private final SagaParts sagaParts;

    public Tracer(EventIndex index, StoredEvents events, EventViews views, SagaTypes sagaTypes, SagaStore sagas,
                  PendingDeadlines deadlines, DeadLetterStore deadLetters) {
        this.index = index;
        this.events = events;
        this.views = views;
        this.sagaTypes = sagaTypes;
        this.sagaParts = new SagaParts(sagas, deadlines, deadLetters);
    }

    public Trace trace(String id, AuditViewer viewer) {
        List<IndexedEvent> caused = index.byCorrelation(id, MAX_EVENTS + 1);
        String correlationId = id;
        if (caused.isEmpty()) {
            correlationId = index.byEventId(id).map(IndexedEvent::correlationId)
                                 .orElseThrow(() -> AuditRequests.notFound("trace_not_found",
                                         "No request with this correlation id, and no event with this id."));
            caused = index.byCorrelation(correlationId, MAX_EVENTS + 1);
        }
        Trace trace = build(correlationId, caused, viewer);
        List<String> born = caused.stream().filter(event -> Long.valueOf(0).equals(event.sequenceNumber()))
                                  .map(IndexedEvent::aggregateId).distinct().toList();
        List<Trace> related = index.laterRequestsOn(born, correlationId, MAX_RELATED).stream()
                                   .map(later -> build(later, index.byCorrelation(later, MAX_EVENTS + 1), viewer))
                                   .toList();
        Set<String> aggregateTypes = new TreeSet<>(trace.aggregateTypes());
        Set<String> sagaTypeNames = new TreeSet<>(trace.sagaTypes());
        related.forEach(later -> {
            aggregateTypes.addAll(later.aggregateTypes());
            sagaTypeNames.addAll(later.sagaTypes());
        });
        return new Trace(trace.correlationId(), trace.startedAt(), trace.endedAt(), trace.events(),
                         trace.truncated(), aggregateTypes, sagaTypeNames, trace.root(), related);
    }

    private Trace build(String correlationId, List<IndexedEvent> all, AuditViewer viewer) {
        boolean truncated = all.size() > MAX_EVENTS;
        List<IndexedEvent> caused = truncated ? all.subList(0, MAX_EVENTS) : all;
        TraceTree tree = new TraceTree(correlationId, caused.get(0));
        caused.forEach(tree::add);
        List<String> associationValues = new ArrayList<>(routedSagas(tree, caused, viewer));
        caused.stream().map(IndexedEvent::aggregateId).filter(java.util.Objects::nonNull).distinct()
              .forEach(associationValues::add);
        sagaParts.addTo(tree, correlationId, caused, associationValues, viewer);
        Set<String> aggregateTypes = caused.stream().map(IndexedEvent::aggregateType)
                                           .filter(java.util.Objects::nonNull)
                                           .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sagaTypeNames = new TreeSet<>();
        collectSagas(tree.root(), sagaTypeNames);
        return new Trace(correlationId, caused.get(0).occurredAt(), caused.get(caused.size() - 1).occurredAt(),
                         caused.size(), truncated, aggregateTypes, sagaTypeNames, tree.root(), List.of());
    }

    /** Adds a saga node at every event a saga type of this node handles; answers the association values seen. */
    private List<String> routedSagas(TraceTree tree, List<IndexedEvent> caused, AuditViewer viewer) {
        List<Long> positions = caused.stream().filter(event -> !sagaTypes.handling(event.payloadType()).isEmpty())
                                     .map(IndexedEvent::globalPosition).toList();
        Map<Long, StoredEvent> stored = events.at(positions).stream()
                                              .collect(Collectors.toMap(StoredEvent::globalPosition,
                                                                        Function.identity()));
        List<String> values = new ArrayList<>();
        for (IndexedEvent event : caused) {
            StoredEvent payloadOf = stored.get(event.globalPosition());
            if (payloadOf == null) {
                continue;
            }
            JsonNode payload = views.payload(payloadOf, viewer);
            for (SagaTypes.SagaStep step : sagaTypes.handling(event.payloadType())) {
                JsonNode value = payload.get(step.associationProperty());
                if (value == null || value.isNull()) {
                    continue;
                }
                TraceNode node = tree.sagaStep(step.sagaType(), tree.event(event.eventId()).orElseThrow());
                node.details().put("association_key", step.associationKey());
                node.details().put("association_value", value.asText());
                node.details().put("starts", step.starts());
                node.details().put("ends", step.ends());
                values.add(value.asText());
            }
        }
        return values;
    }

    private static void collectSagas(TraceNode node, Set<String> sagaTypeNames) {
        if ("saga".equals(node.kind())) {
            sagaTypeNames.add(node.name());
        }
        node.children().forEach(child -> collectSagas(child, sagaTypeNames));
    }
}
