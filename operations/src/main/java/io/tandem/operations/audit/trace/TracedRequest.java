package io.tandem.operations.audit.trace;

import io.tandem.operations.audit.index.IndexedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One request of a trace while it is assembled: its events, its tree, and the values a saga may be associated with
 * (its aggregates' ids, and the association values its events were routed to sagas by).
 */
record TracedRequest(String correlationId, List<IndexedEvent> caused, boolean truncated, TraceTree tree,
                     List<String> associationValues) {

    static TracedRequest of(String correlationId, List<IndexedEvent> all, int max) {
        boolean truncated = all.size() > max;
        List<IndexedEvent> caused = truncated ? all.subList(0, max) : all;
        TraceTree tree = new TraceTree(correlationId, caused.get(0));
        caused.forEach(tree::add);
        List<String> values = new ArrayList<>(caused.stream().map(IndexedEvent::aggregateId).filter(Objects::nonNull)
                                                    .distinct().toList());
        return new TracedRequest(correlationId, caused, truncated, tree, values);
    }
}
