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
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The correlation tracer: finds a request by its correlation id (or one of its events' ids) in the event index,
 * and the later requests on the aggregates it created, and builds their trees; then adds, for all of them at once
 * (one query each), what the index does not hold: the sagas their events were routed to, live saga instances,
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
        TracedRequest request = TracedRequest.of(correlationId, caused, MAX_EVENTS);
        List<String> born = request.caused().stream().filter(event -> Long.valueOf(0).equals(event.sequenceNumber()))
                                   .map(IndexedEvent::aggregateId).distinct().toList();
        List<TracedRequest> all = new ArrayList<>(List.of(request));
        for (String later : index.laterRequestsOn(born, correlationId, MAX_RELATED)) {
            all.add(TracedRequest.of(later, index.byCorrelation(later, MAX_EVENTS + 1), MAX_EVENTS));
        }
        routedSagas(all, viewer);
        sagaParts.addTo(all, viewer);
        List<Trace> related = all.subList(1, all.size()).stream().map(later -> trace(later, List.of())).toList();
        return trace(request, related);
    }

    private static Trace trace(TracedRequest request, List<Trace> related) {
        Set<String> aggregateTypes = request.caused().stream().map(IndexedEvent::aggregateType)
                                            .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
        Set<String> sagaTypeNames = new TreeSet<>();
        collectSagas(request.tree().root(), sagaTypeNames);
        related.forEach(later -> {
            aggregateTypes.addAll(later.aggregateTypes());
            sagaTypeNames.addAll(later.sagaTypes());
        });
        List<IndexedEvent> caused = request.caused();
        return new Trace(request.correlationId(), caused.get(0).occurredAt(),
                         caused.get(caused.size() - 1).occurredAt(), caused.size(), request.truncated(),
                         aggregateTypes, sagaTypeNames, request.tree().root(), related);
    }

    /** Adds a saga node at every event a saga type of this node handles, and notes the association values seen. */
    private void routedSagas(List<TracedRequest> requests, AuditViewer viewer) {
        List<Long> positions = requests.stream().flatMap(request -> request.caused().stream())
                                       .filter(event -> !sagaTypes.handling(event.payloadType()).isEmpty())
                                       .map(IndexedEvent::globalPosition).toList();
        Map<Long, StoredEvent> stored = events.at(positions).stream()
                                              .collect(Collectors.toMap(StoredEvent::globalPosition,
                                                                        Function.identity()));
        for (TracedRequest request : requests) {
            for (IndexedEvent event : request.caused()) {
                StoredEvent payloadOf = stored.get(event.globalPosition());
                if (payloadOf != null) {
                    routed(request, event, views.payload(payloadOf, viewer));
                }
            }
        }
    }

    private void routed(TracedRequest request, IndexedEvent event, JsonNode payload) {
        for (SagaTypes.SagaStep step : sagaTypes.handling(event.payloadType())) {
            JsonNode value = payload.get(step.associationProperty());
            if (value == null || value.isNull()) {
                continue;
            }
            TraceNode node = request.tree().sagaStep(step.sagaType(),
                                                     request.tree().event(event.eventId()).orElseThrow());
            node.details().put("association_key", step.associationKey());
            node.details().put("association_value", value.asText());
            node.details().put("starts", step.starts());
            node.details().put("ends", step.ends());
            request.associationValues().add(value.asText());
        }
    }

    private static void collectSagas(TraceNode node, Set<String> sagaTypeNames) {
        if ("saga".equals(node.kind())) {
            sagaTypeNames.add(node.name());
        }
        node.children().forEach(child -> collectSagas(child, sagaTypeNames));
    }
}
