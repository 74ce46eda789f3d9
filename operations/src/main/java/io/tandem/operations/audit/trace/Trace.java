package io.tandem.operations.audit.trace;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything one request caused, as a tree under the request, with the later requests that acted on what it created
 * (a booking's payment and confirmation under its placement).
 *
 * @param truncated      the request caused more events than one trace shows
 * @param aggregateTypes every aggregate type in this trace and the related ones
 * @param sagaTypes      every saga type in this trace and the related ones
 * @param related        later requests on the aggregates this one created, each with its own tree
 */
public record Trace(String correlationId, Instant startedAt, Instant endedAt, int events, boolean truncated,
                    Set<String> aggregateTypes, Set<String> sagaTypes, TraceNode root, List<Trace> related) {
}
