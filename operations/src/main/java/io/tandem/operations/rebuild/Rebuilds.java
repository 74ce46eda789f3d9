package io.tandem.operations.rebuild;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.operations.control.ControlGuard;
import io.tandem.operations.control.ProcessorControl.DesiredState;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.log.OperatorLog.Action;
import io.tandem.operations.processor.ProcessorBoards;
import io.tandem.platform.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Rebuilds as the API offers them: each request is recorded in the operator log and stored in {@code ops_rebuild};
 * the coordinators of the nodes that run the projection carry it out. While a rebuild works on its projection, the
 * live processor may not be paused or resumed by hand, nor replayed.
 */
class Rebuilds implements ControlGuard {

    static final String DROP = "drop";
    static final Set<RebuildState> DROPPABLE = EnumSet.of(RebuildState.REQUESTED, RebuildState.BUILDING,
                                                          RebuildState.VERIFIED, RebuildState.SWITCHED,
                                                          RebuildState.ROLLED_BACK, RebuildState.FAILED);
    private static final Set<RebuildState> RESTING = EnumSet.of(RebuildState.VERIFIED, RebuildState.SWITCHED,
                                                                RebuildState.ROLLED_BACK, RebuildState.FAILED);

    private final ProcessorBoards boards;
    private final RebuildProperties properties;
    private final RebuildPlans plans;
    private final RebuildSteps steps;
    private final ProcessorControls controls;
    private final OperatorLog log;
    private final RebuildCoordinator coordinator;
    private final ObjectProvider<ControlGuard> guards;

    Rebuilds(ProcessorBoards boards, RebuildProperties properties, RebuildPlans plans, RebuildSteps steps,
             ProcessorControls controls, OperatorLog log, RebuildCoordinator coordinator,
             ObjectProvider<ControlGuard> guards) {
        this.boards = boards;
        this.properties = properties;
        this.plans = plans;
        this.steps = steps;
        this.controls = controls;
        this.log = log;
        this.coordinator = coordinator;
        this.guards = guards;
    }

    RebuildView start(String projection, String reason, boolean verifyOnly, boolean autoSwitch) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("verify_only", String.valueOf(verifyOnly));
        parameters.put("auto_switch", String.valueOf(autoSwitch));
        String actionId = log.begin(new Action(OperatorLog.REBUILD, projection, parameters, reason));
        String rebuildId = UUID.randomUUID().toString();
        String shortId = rebuildId.substring(0, 8);
        try {
            boards.require(projection);
            List<String> tables = supported(projection);
            guards.orderedStream().filter(guard -> guard != this).forEach(guard -> guard.requireFree(projection));
            controls.find(projection).filter(control -> control.state() == DesiredState.PAUSED).ifPresent(c -> {
                throw new RejectedException(Rejection.conflict("processor_paused", projection + " is paused ("
                        + c.reason() + "); resume it before rebuilding it."));
            });
            plans.insert(new RebuildRecord(rebuildId, projection, tables, projection + "@rebuild-" + shortId,
                                           "rebuild_" + shortId, null, verifyOnly, autoSwitch,
                                           RebuildState.REQUESTED, reason, CurrentUser.id(), null, actionId, null,
                                           null, null, false, null, null, null, null, null, null, null, null, null,
                                           null, null, null, null, null, null));
        } catch (RejectedException e) {
            log.finish(actionId, OperatorActionOutcome.REFUSED, e.rejection().code() + ": " + e.rejection().detail());
            throw e;
        }
        coordinator.nudge();
        return view(plans.find(rebuildId).orElseThrow());
    }

    RebuildView switchIn(String projection, String rebuildId, String reason) {
        return request(projection, rebuildId, new Action(OperatorLog.SWITCH, projection,
                                                         Map.of("rebuild", rebuildId), reason),
                       EnumSet.of(RebuildState.VERIFIED), RebuildState.SWITCHING, "switch_action_id");
    }

    RebuildView rollBack(String projection, String rebuildId, String reason) {
        return request(projection, rebuildId, new Action(OperatorLog.ROLLBACK, projection,
                                                         Map.of("rebuild", rebuildId), reason),
                       EnumSet.of(RebuildState.SWITCHED), RebuildState.ROLLING_BACK, "rollback_action_id");
    }

    RebuildView drop(String projection, String rebuildId, String reason) {
        return request(projection, rebuildId, new Action(DROP, projection, Map.of("rebuild", rebuildId), reason),
                       DROPPABLE, RebuildState.DROPPING, "drop_action_id");
    }

    /** Records the operator's request and moves the rebuild on from one of the states it may be asked in. */
    private RebuildView request(String projection, String rebuildId, Action action, Set<RebuildState> from,
                                RebuildState to, String actionColumn) {
        String actionId = log.begin(action);
        try {
            RebuildRecord plan = require(projection, rebuildId);
            if (!from.contains(plan.state()) || !plans.transition(plan, to, Map.of(actionColumn, actionId))) {
                throw new RejectedException(Rejection.conflict("rebuild_state_conflict", "Rebuild " + rebuildId
                        + " is " + plan.state() + "; it can be asked to " + action.action() + " only when "
                        + from + "."));
            }
        } catch (RejectedException e) {
            log.finish(actionId, OperatorActionOutcome.REFUSED, e.rejection().code() + ": " + e.rejection().detail());
            throw e;
        }
        coordinator.nudge();
        return view(plans.find(rebuildId).orElseThrow());
    }

    RebuildView find(String projection, String rebuildId) {
        return view(require(projection, rebuildId));
    }

    List<RebuildView> history(String projection, int limit) {
        boards.require(projection);
        return plans.history(projection, limit).stream().map(this::view).toList();
    }

    /** The projections rebuilds support, with the rebuild that holds each, if any. */
    List<Map<String, Object>> projections() {
        return properties.projections().entrySet().stream().map(entry -> {
            Map<String, Object> projection = new LinkedHashMap<>();
            projection.put("name", entry.getKey());
            projection.put("tables", entry.getValue());
            plans.holdingFor(entry.getKey()).ifPresent(plan -> projection.put("holding_rebuild", Map.of(
                    "rebuild_id", plan.rebuildId(), "state", plan.state())));
            return projection;
        }).toList();
    }

    @Override
    public void requireFree(String processor) {
        plans.holdingFor(processor).filter(plan -> !RESTING.contains(plan.state())).ifPresent(plan -> {
            throw new RejectedException(Rejection.conflict("rebuild_in_progress", "Rebuild " + plan.rebuildId()
                    + " of " + processor + " is " + plan.state() + " and controls the processor; wait for it."));
        });
    }

    private List<String> supported(String projection) {
        return properties.tablesOf(projection).orElseThrow(() -> new RejectedException(Rejection.conflict(
                "rebuild_not_supported", projection + " cannot be rebuilt blue/green; these projections can: "
                                         + String.join(", ", properties.projections().keySet()) + ".")));
    }

    private RebuildRecord require(String projection, String rebuildId) {
        return plans.find(rebuildId).filter(plan -> plan.projection().equals(projection))
                    .orElseThrow(() -> new RejectedException(Rejection.notFound(
                            "rebuild_not_found", "No rebuild " + rebuildId + " of " + projection + ".")));
    }

    private RebuildView view(RebuildRecord plan) {
        return RebuildView.of(plan, plan.state().shadowRuns() ? steps.progress(plan) : null);
    }
}
