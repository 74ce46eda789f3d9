package io.tandem.operations.audit.trace;

import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.index.IndexedEvent;
import io.tandem.operations.audit.saga.DeadLetterStore;
import io.tandem.operations.audit.saga.DeadLetterStore.DeadLetter;
import io.tandem.operations.audit.saga.PendingDeadlines;
import io.tandem.operations.audit.saga.PendingDeadlines.PendingDeadline;
import io.tandem.operations.audit.saga.SagaStore;
import io.tandem.operations.audit.saga.SagaStore.SagaInstance;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a trace shows beyond its events, read from the Axon tables of every schema: live saga instances (state,
 * associations), deadlines that have not fired yet, and dead letters of the trace's events.
 */
final class SagaParts {

    private static final int MAX_DEADLINES = 100;

    private final SagaStore sagas;
    private final PendingDeadlines deadlines;
    private final DeadLetterStore deadLetters;

    SagaParts(SagaStore sagas, PendingDeadlines deadlines, DeadLetterStore deadLetters) {
        this.sagas = sagas;
        this.deadlines = deadlines;
        this.deadLetters = deadLetters;
    }

    void addTo(List<TracedRequest> requests, AuditViewer viewer) {
        Set<String> values = new LinkedHashSet<>();
        requests.forEach(request -> values.addAll(request.associationValues()));
        for (SagaInstance saga : sagas.byAssociationValues(values, viewer)) {
            List<String> associated = saga.associations().stream().map(SagaStore.Association::value).toList();
            requests.stream().filter(request -> request.associationValues().stream().anyMatch(associated::contains))
                    .forEach(request -> instance(request.tree(), saga, request.caused()));
        }
        Map<String, TracedRequest> byCorrelation = new LinkedHashMap<>();
        requests.forEach(request -> byCorrelation.put(request.correlationId(), request));
        for (PendingDeadline deadline : deadlines.mentioning(List.copyOf(byCorrelation.keySet()), MAX_DEADLINES)) {
            TracedRequest request = byCorrelation.get(deadline.correlationId());
            if (request != null) {
                pending(request.tree(), deadline);
            }
        }
        List<String> eventIds = requests.stream().flatMap(request -> request.caused().stream())
                                        .map(IndexedEvent::eventId).toList();
        for (DeadLetter letter : deadLetters.ofEvents(eventIds)) {
            requests.forEach(request -> request.tree().event(letter.eventId()).ifPresent(event -> {
                TraceNode node = event.add(TraceNode.of("dead-letter", letter.processingGroup() + "@"
                                                                       + letter.eventId(),
                                                        letter.processingGroup(), letter.enqueuedAt()));
                node.details().put("cause_type", letter.causeType());
                node.details().put("cause_message", letter.causeMessage());
                node.details().put("sequence_identifier", letter.sequenceIdentifier());
            }));
        }
    }

    /** A live saga joins the nodes of its type routed by one of its association values, or the first event it names. */
    private static void instance(TraceTree tree, SagaInstance saga, List<IndexedEvent> caused) {
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("saga_id", saga.sagaId());
        live.put("active", true);
        live.put("associations", saga.associations());
        live.put("state", saga.state());
        List<String> values = saga.associations().stream().map(SagaStore.Association::value).toList();
        boolean joined = false;
        for (IndexedEvent event : caused) {
            Optional<TraceNode> node = tree.event(event.eventId());
            if (node.isEmpty()) {
                continue;
            }
            Optional<TraceNode> step = node.get().children().stream()
                                           .filter(child -> "saga".equals(child.kind())
                                                            && saga.sagaType().equals(child.name())
                                                            && values.contains(String.valueOf(
                                                                    child.details().get("association_value"))))
                                           .findFirst();
            if (step.isPresent()) {
                step.get().details().putIfAbsent("saga_id", saga.sagaId());
                step.get().details().put("instance", live);
                joined = true;
            }
        }
        if (!joined) {
            TraceNode at = caused.stream().filter(event -> values.contains(event.aggregateId())).findFirst()
                                 .flatMap(event -> tree.event(event.eventId())).orElse(tree.root());
            TraceNode step = tree.sagaStep(saga.sagaType(), at);
            step.details().putIfAbsent("saga_id", saga.sagaId());
            step.details().put("instance", live);
        }
    }

    private static void pending(TraceTree tree, PendingDeadline deadline) {
        TraceNode parent = "saga".equals(deadline.scopeKind())
                ? tree.sagaNodeOf(deadline.scopeType() + " " + deadline.scopeId())
                      .or(() -> tree.event(String.valueOf(deadline.causationId()))).orElse(tree.root())
                : tree.event(String.valueOf(deadline.causationId())).orElse(tree.root());
        TraceNode node = parent.add(TraceNode.of("deadline", deadline.taskInstance(), deadline.name(),
                                                 deadline.executionTime()));
        node.details().put("status", deadline.running() ? "running" : "pending");
        node.details().put("scope", deadline.scopeKind() + " " + deadline.scopeType() + " " + deadline.scopeId());
    }
}
