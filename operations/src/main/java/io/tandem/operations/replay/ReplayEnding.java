package io.tandem.operations.replay;

import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.operations.control.ProcessorControl.DesiredState;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.log.OperatorLog;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * How a replay plan ends: its operator-log action is finished first (finishing twice changes nothing, so a node
 * that takes over after a crash may do it again), then the plan moves to its last state. A failed plan asks every
 * node to run the processor again, so no processor stays paused by a plan that gave up.
 */
class ReplayEnding {

    private final ReplayPlans plans;
    private final ReplaySamples samples;
    private final ProcessorControls controls;
    private final OperatorLog log;

    ReplayEnding(ReplayPlans plans, ReplaySamples samples, ProcessorControls controls, OperatorLog log) {
        this.plans = plans;
        this.samples = samples;
        this.controls = controls;
        this.log = log;
    }

    /** @param replayed positions of the event stream the replay covered */
    boolean succeed(ReplayRecord plan, String nodeId, long replayed) {
        double seconds = plan.replayingSince() == null ? 0
                : Duration.between(plan.replayingSince(), Instant.now()).toMillis() / 1000.0;
        String detail = String.format(Locale.ROOT, "replayed %d positions from %s in %.1f s; %d dead letters cleared",
                                      replayed, plan.from().describe(), seconds,
                                      plan.deadLettersCleared() == null ? 0 : plan.deadLettersCleared());
        log.finish(plan.actionId(), OperatorActionOutcome.SUCCEEDED, detail);
        boolean moved = plans.transition(plan, ReplayState.DONE, nodeId, Map.of("replayed_positions", replayed));
        if (moved) {
            samples.forget(plan.replayId());
        }
        return moved;
    }

    boolean fail(ReplayRecord plan, String nodeId, String error) {
        if (plan.pauseVersion() != null) {
            controls.request(plan.processor(), DesiredState.RUNNING,
                             plan.controlReason("failed, resuming: " + error), plan.requestedBy());
        }
        log.finish(plan.actionId(), OperatorActionOutcome.FAILED, error);
        boolean moved = plans.transition(plan, ReplayState.FAILED, nodeId, Map.of("error", abbreviate(error)));
        if (moved) {
            samples.forget(plan.replayId());
        }
        return moved;
    }

    private static String abbreviate(String error) {
        return error.length() <= 2000 ? error : error.substring(0, 1999) + "…";
    }
}
