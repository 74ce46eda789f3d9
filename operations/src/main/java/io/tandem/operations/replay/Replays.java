package io.tandem.operations.replay;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.operations.control.ControlGuard;
import io.tandem.operations.log.OperatorLog.Action;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.processor.ProcessorBoards;
import io.tandem.operations.processor.TokenTable;
import io.tandem.platform.security.CurrentUser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Replays as the API offers them: a dry run answers the plan; a real run is recorded in the operator log, stored as
 * a plan (one active per processor) and worked by the coordinators of the nodes that run the processor.
 */
class Replays implements ControlGuard {

    private final ProcessorBoards boards;
    private final Anatomies anatomies;
    private final ReplayPlanner planner;
    private final ReplayPlans plans;
    private final ReplaySamples samples;
    private final TokenTable tokens;
    private final OperatorLog log;
    private final ReplayCoordinator coordinator;
    private final String nodeId;
    private final Duration window;

    Replays(ProcessorBoards boards, Anatomies anatomies, ReplayPlanner planner, ReplayPlans plans,
            ReplaySamples samples, TokenTable tokens, OperatorLog log, ReplayCoordinator coordinator, String nodeId,
            Duration window) {
        this.boards = boards;
        this.anatomies = anatomies;
        this.planner = planner;
        this.plans = plans;
        this.samples = samples;
        this.tokens = tokens;
        this.log = log;
        this.coordinator = coordinator;
        this.nodeId = nodeId;
        this.window = window;
    }

    ReplayPlan dryRun(String processor, ReplayFrom from) {
        boards.require(processor);
        return planner.plan(anatomies.require(processor), from);
    }

    /**
     * Starts a replay, or answers the plan an earlier request with the same idempotency key started. Refusals
     * (unknown processor, a saga, side effects without force, a replay under way) are logged as refused.
     */
    ReplayView start(String processor, ReplayFrom from, boolean force, String reason, String idempotencyKey) {
        if (idempotencyKey != null) {
            ReplayRecord earlier = plans.byIdempotencyKey(idempotencyKey).orElse(null);
            if (earlier != null) {
                if (!earlier.processor().equals(processor)) {
                    throw new RejectedException(Rejection.conflict("idempotency_key_reused", "This Idempotency-Key "
                            + "already started a replay of " + earlier.processor() + "."));
                }
                return view(earlier);
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", from.describe());
        parameters.put("force", String.valueOf(force));
        String actionId = log.begin(new Action(OperatorLog.REPLAY, processor, parameters, reason));
        String replayId = UUID.randomUUID().toString();
        try {
            boards.require(processor);
            ProcessorAnatomy anatomy = anatomies.require(processor);
            ReplayPlanner.requireReplayable(anatomy);
            planner.range(from);
            boolean sideEffects = anatomy.handlers().stream().anyMatch(h -> h.sideEffect() != null);
            if (sideEffects && !force) {
                throw new RejectedException(Rejection.conflict("side_effects_need_force", processor + " has "
                        + "handlers with side effects; they skip replayed events, but confirm with force: true."));
            }
            plans.insert(replayId, processor, anatomy.tokenSchema(), from, force, reason, CurrentUser.id(),
                         actionId, idempotencyKey, nodeId);
        } catch (RejectedException e) {
            log.finish(actionId, OperatorActionOutcome.REFUSED, e.rejection().code() + ": " + e.rejection().detail());
            throw e;
        }
        coordinator.nudge();
        return view(plans.find(replayId).orElseThrow());
    }

    ReplayView find(String processor, String replayId) {
        return plans.find(replayId).filter(plan -> plan.processor().equals(processor)).map(this::view)
                    .orElseThrow(() -> new RejectedException(Rejection.notFound(
                            "replay_not_found", "No replay " + replayId + " of " + processor + ".")));
    }

    List<ReplayView> history(String processor, int limit) {
        boards.require(processor);
        return plans.history(processor, limit).stream().map(this::view).toList();
    }

    @Override
    public void requireFree(String processor) {
        if (plans.activeFor(processor).isPresent()) {
            throw plans.activeConflict(processor);
        }
    }

    private ReplayView view(ReplayRecord plan) {
        ReplayProgress progress = plan.startPosition() == null ? null
                : ReplayProgress.of(plan, tokens.of(plan.tokenSchema(), plan.processor()),
                                    plan.state() == ReplayState.REPLAYING ? samples.within(plan.replayId(), window)
                                                                          : List.of());
        return ReplayView.of(plan, progress, plans.transitions(plan.replayId()));
    }
}
