package io.tandem.operations.rebuild;

import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.operations.control.ProcessorControl.DesiredState;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.log.OperatorLog;

import java.util.HashMap;
import java.util.Map;

/**
 * What every step of a rebuild shares: pausing and resuming the live processor on every node through the control
 * table, and how a rebuild fails (the live processor runs again and every pending action of the operator log is
 * finished as failed; the shadow stays for inspection until it is dropped).
 */
class LiveControl {

    private final RebuildPlans plans;
    private final ProcessorControls controls;
    private final OperatorLog log;

    LiveControl(RebuildPlans plans, ProcessorControls controls, OperatorLog log) {
        this.plans = plans;
        this.controls = controls;
        this.log = log;
    }

    /** The columns that record a pause of the live processor, to pass to a transition. */
    Map<String, Object> pause(RebuildRecord plan, String why) {
        long version = controls.request(plan.projection(), DesiredState.PAUSED, plan.controlReason(why),
                                        plan.requestedBy()).version();
        Map<String, Object> columns = new HashMap<>();
        columns.put("live_paused", true);
        columns.put("pause_version", version);
        return columns;
    }

    /** Resumes the live processor if this rebuild paused it; the columns to pass to a transition. */
    Map<String, Object> resume(RebuildRecord plan, String why) {
        if (plan.livePaused()) {
            controls.request(plan.projection(), DesiredState.RUNNING, plan.controlReason(why), plan.requestedBy());
        }
        Map<String, Object> columns = new HashMap<>();
        columns.put("live_paused", false);
        return columns;
    }

    boolean fail(RebuildRecord plan, String error) {
        Map<String, Object> columns = resume(plan, "failed, resuming: " + error);
        columns.put("error", error.length() <= 2000 ? error : error.substring(0, 1999) + "…");
        finish(plan.actionId(), OperatorActionOutcome.FAILED, error);
        finish(plan.switchActionId(), OperatorActionOutcome.FAILED, error);
        finish(plan.rollbackActionId(), OperatorActionOutcome.FAILED, error);
        return plans.transition(plan, RebuildState.FAILED, columns);
    }

    /** Finishes an action of the operator log; finishing one twice changes nothing. */
    void finish(String actionId, OperatorActionOutcome outcome, String detail) {
        if (actionId != null) {
            log.finish(actionId, outcome, detail);
        }
    }
}
