package io.tandem.operations.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A replay as {@code GET /api/admin/processors/{name}/replays/{id}} shows it.
 *
 * @param executorNode   the node working the plan (its lease holder), while it runs
 * @param waitingFor     what the current step waits for, in words
 * @param startPosition  set at the reset: the position before the first replayed event
 * @param headAtReset    the newest event's position at the reset
 * @param progress       per segment and overall, with speed and ETA; absent before the replay starts
 * @param transitions    every step with the node that took it
 */
record ReplayView(String replayId, String processor, ReplayState state, String from, boolean forced,
                  String reason, String requestedBy, Instant requestedAt, String actionId, String executorNode,
                  Instant leaseUntil, String waitingFor, String error, Long pauseVersion, Long resumeVersion,
                  Long startPosition, Long headAtReset, Long deadLettersCleared, Instant stateChangedAt,
                  Instant replayingSince, Instant finishedAt, Long replayedPositions, ReplayProgress progress,
                  List<Map<String, Object>> transitions) {

    static ReplayView of(ReplayRecord plan, ReplayProgress progress, List<Map<String, Object>> transitions) {
        return new ReplayView(plan.replayId(), plan.processor(), plan.state(), plan.from().describe(),
                              plan.forced(), plan.reason(), plan.requestedBy(), plan.requestedAt(), plan.actionId(),
                              plan.state().finished() ? null : plan.leaseOwner(),
                              plan.state().finished() ? null : plan.leaseUntil(), plan.waitingFor(), plan.error(),
                              plan.pauseVersion(), plan.resumeVersion(), plan.startPosition(), plan.headAtReset(),
                              plan.deadLettersCleared(), plan.stateChangedAt(), plan.replayingSince(),
                              plan.finishedAt(), plan.replayedPositions(), progress, transitions);
    }
}
