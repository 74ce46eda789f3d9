package io.tandem.operations.replay;

import io.tandem.operations.control.ProcessorControl.DesiredState;
import io.tandem.operations.control.ProcessorControl;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.events.EventPositions.StoredPosition;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.operations.processor.TokenTable.StoredToken;
import io.tandem.operations.processor.TokenTable;
import io.tandem.operations.replay.ReplayCluster.Instance;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps of a replay plan, taken by the node that holds its lease and runs the processor. Each step checks where
 * the cluster is and either moves the plan on or says what it waits for; any step can be taken again by another
 * node after a crash, because it only asks for what is not done yet (the control table ignores a repeated request,
 * and the reset commits in one transaction with the plan's move past it).
 */
class ReplaySteps {

    private final ReplayPlans plans;
    private final ReplaySamples samples;
    private final ReplayCluster cluster;
    private final TokenTable tokens;
    private final ProcessorControls controls;
    private final ReplayDeadLetters deadLetters;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final EventPositions positions;
    private final TransactionTemplate transactions;
    private final ReplayEnding ending;
    private final Duration window;

    ReplaySteps(ReplayPlans plans, ReplaySamples samples, ReplayCluster cluster, TokenTable tokens,
                ProcessorControls controls, ReplayDeadLetters deadLetters, EventProcessingConfiguration processing,
                EventStore eventStore, EventPositions positions, TransactionTemplate transactions,
                ReplayEnding ending, Duration window) {
        this.plans = plans;
        this.samples = samples;
        this.cluster = cluster;
        this.tokens = tokens;
        this.controls = controls;
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.eventStore = eventStore;
        this.positions = positions;
        this.transactions = transactions;
        this.ending = ending;
        this.window = window;
    }

    /** Takes the plan's next step on this node; true when it moved on (so the next step may follow at once). */
    boolean advance(ReplayRecord plan, LocalProcessor local, String nodeId) {
        return switch (plan.state()) {
            case REQUESTED -> pause(plan, nodeId);
            case PAUSING -> awaitPaused(plan, nodeId);
            case WAITING_FOR_RELEASE -> awaitReleased(plan, nodeId);
            case RESETTING -> reset(plan, local, nodeId);
            case STARTING -> start(plan, nodeId);
            case REPLAYING -> watch(plan, nodeId);
            case DONE, FAILED -> false;
        };
    }

    private boolean pause(ReplayRecord plan, String nodeId) {
        ProcessorControl control = controls.request(plan.processor(), DesiredState.PAUSED,
                                                    plan.controlReason(plan.reason()),
                                                    plan.requestedBy());
        return plans.transition(plan, ReplayState.PAUSING, nodeId, Map.of("pause_version", control.version()));
    }

    private boolean awaitPaused(ReplayRecord plan, String nodeId) {
        List<Instance> instances = cluster.liveInstances(plan.processor());
        for (Instance instance : instances) {
            if (instance.failure() != null && instance.appliedVersion() != null
                && instance.appliedVersion() >= plan.pauseVersion()) {
                return ending.fail(plan, nodeId, "node " + instance.nodeId() + " could not pause "
                                                 + plan.processor() + ": " + instance.failure());
            }
        }
        String pending = instances.stream().filter(i -> !i.applied(plan.pauseVersion(), DesiredState.PAUSED.name()))
                                  .map(Instance::nodeId).collect(Collectors.joining(", "));
        if (!pending.isEmpty()) {
            plans.waiting(plan.replayId(), "waiting for " + pending + " to pause the processor");
            return false;
        }
        return plans.transition(plan, ReplayState.WAITING_FOR_RELEASE, nodeId, Map.of());
    }

    /** A segment claimed by a node that is gone counts as released: the reset takes over its stale claim. */
    private boolean awaitReleased(ReplayRecord plan, String nodeId) {
        Set<String> live = cluster.liveNodes();
        String claimed = tokens.of(plan.tokenSchema(), plan.processor()).stream()
                               .filter(token -> token.owner() != null && live.contains(token.owner()))
                               .map(token -> "segment " + token.segment() + " by " + token.owner())
                               .collect(Collectors.joining(", "));
        if (!claimed.isEmpty()) {
            plans.waiting(plan.replayId(), "waiting for claims to be released: " + claimed);
            return false;
        }
        return plans.transition(plan, ReplayState.RESETTING, nodeId, Map.of());
    }

    private boolean reset(ReplayRecord plan, LocalProcessor local, String nodeId) {
        if (local.processor().isRunning()) {
            plans.waiting(plan.replayId(), "waiting for " + nodeId + " to stop its instance");
            return false;
        }
        try {
            return Boolean.TRUE.equals(transactions.execute(tx -> resetLocked(plan, local, nodeId)));
        } catch (UnableToClaimTokenException e) {
            plans.waiting(plan.replayId(), "waiting for a stale claim to expire: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            return ending.fail(plan, nodeId, "the reset failed and changed nothing: " + e);
        }
    }

    /** Locks the plan, clears moot dead letters, resets the tokens and moves on, all in one transaction. */
    private boolean resetLocked(ReplayRecord plan, LocalProcessor local, String nodeId) {
        ReplayRecord locked = plans.lock(plan.replayId()).orElse(null);
        if (locked == null || locked.state() != ReplayState.RESETTING || !nodeId.equals(locked.leaseOwner())) {
            return false;
        }
        long head = positions.head().map(StoredPosition::position).orElse(positions.beforeFirst());
        TrackingToken startToken = plan.from().token(eventStore, positions);
        long start = startToken == null || startToken.position().isEmpty() ? positions.beforeFirst()
                                                                           : startToken.position().getAsLong();
        long cleared = deadLetters.clear(plan.tokenSchema(), plan.processor(), start);
        local.processor().resetTokens(source -> startToken);
        TokenStore store = processing.tokenStore(plan.processor());
        for (int segment : store.fetchSegments(plan.processor())) {
            store.releaseClaim(plan.processor(), segment);
        }
        return plans.transition(locked, ReplayState.STARTING, nodeId, Map.of(
                "start_position", start, "head_at_reset", head, "dead_letters_cleared", cleared));
    }

    private boolean start(ReplayRecord plan, String nodeId) {
        ProcessorControl control = controls.request(plan.processor(), DesiredState.RUNNING,
                                                    plan.controlReason("reset done, replaying"),
                                                    plan.requestedBy());
        return plans.transition(plan, ReplayState.REPLAYING, nodeId, Map.of(
                "resume_version", control.version(), "replaying_since", Instant.now()));
    }

    /** Samples the progress; done once every segment has reached where it stood at the reset. */
    private boolean watch(ReplayRecord plan, String nodeId) {
        List<StoredToken> current = tokens.of(plan.tokenSchema(), plan.processor());
        ReplayProgress progress = ReplayProgress.of(plan, current, List.of());
        if (progress.finished()) {
            return ending.succeed(plan, nodeId, progress.replayedPositions());
        }
        samples.record(plan.replayId(), progress.covered(), progress.remaining(), current.size(), window);
        return false;
    }
}
