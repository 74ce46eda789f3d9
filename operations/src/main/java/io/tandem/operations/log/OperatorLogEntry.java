package io.tandem.operations.log;

import io.tandem.api.operations.OperatorActionOutcome;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One action in the operator log.
 *
 * @param actorId       the operator's user id, or {@code node:<pid@host>} for what a node did on its own
 * @param clientAddress where the request came from; absent without a request and once the operator is erased
 * @param detail        what came of it: the result, the refusal's code and reason, or the failure
 * @param durationMs    from start to finish; absent while pending
 */
public record OperatorLogEntry(String actionId, String action, String target, String actorId, String clientAddress,
                               Map<String, String> parameters, String reason, OperatorActionOutcome outcome,
                               String detail, Instant startedAt, Instant finishedAt, Long durationMs) {

    /** A slice of the log, newest first; {@code nextCursor} is absent on the last slice. */
    public record Page(List<OperatorLogEntry> items, int size, String nextCursor) {
    }
}
