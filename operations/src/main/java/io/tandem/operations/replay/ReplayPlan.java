package io.tandem.operations.replay;

import java.util.List;
import java.util.Map;

/**
 * What a replay would do, answered by a dry run and shown before an operator confirms one.
 *
 * @param startPosition      the position before the first replayed event
 * @param headPosition       the newest event's position now: the replay covers (start, head]
 * @param eventsInRange      positions in that range: every one is read
 * @param handledEvents      events in that range of the types the processor's handlers handle
 * @param handledByType      those events by payload type
 * @param estimatedSeconds   events in range over the measured speed; absent while no speed was measured
 * @param estimateBasis      which speed the estimate uses
 * @param skippedHandlers    handlers that do nothing for replayed events, and why
 * @param sideEffectHandlers handler classes that act outside their read model: the replay needs {@code force}
 * @param resetHandlers      handler classes that clear what they built when the replay starts
 * @param deadLettersToClear dead letters of events the replay handles again, cleared at the reset
 * @param activeReplay       the replay of this processor under way, if one is
 * @param blockers           why a real run would be refused now; empty when it would start
 */
record ReplayPlan(String processor, String side, String from, long startPosition, long headPosition,
                  long eventsInRange, long handledEvents, Map<String, Long> handledByType, Double estimatedSeconds,
                  String estimateBasis, int segments, List<String> skippedHandlers,
                  List<SideEffectHandler> sideEffectHandlers, List<String> resetHandlers, long deadLettersToClear,
                  String activeReplay, boolean requiresForce, List<String> blockers) {

    /** A handler class with side effects, and what they are. */
    record SideEffectHandler(String type, String effect) {
    }
}
