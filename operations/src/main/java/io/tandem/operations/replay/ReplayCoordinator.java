package io.tandem.operations.replay;

import io.tandem.operations.node.NodeLoop;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.operations.node.LocalProcessors;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works the replay plans of the processors this node runs: every control poll it takes or renews the lease of each
 * active plan no other live node holds and takes its next steps. The lease lives in PostgreSQL, so when this node
 * dies another node running the processor carries on once the lease runs out; a clean shutdown hands the lease back
 * at once.
 */
class ReplayCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayCoordinator.class);
    /** Steps a plan may take in one tick, when nothing has to be waited for between them. */
    private static final int STEPS_PER_TICK = 6;

    private final ReplayPlans plans;
    private final ReplaySteps steps;
    private final LocalProcessors processors;
    private final LocalNode node;
    private final Duration lease;
    private final NodeLoop loop;

    ReplayCoordinator(ReplayPlans plans, ReplaySteps steps, LocalProcessors processors, LocalNode node,
                      Duration interval, Duration lease) {
        this.plans = plans;
        this.steps = steps;
        this.processors = processors;
        this.node = node;
        this.lease = lease;
        this.loop = new NodeLoop("ops-replay-coordinator", interval, interval, this::tickQuietly);
    }

    /** Starts on a new plan now rather than at the next poll: the node that accepted it usually works it. */
    void nudge() {
        loop.nudge();
    }

    synchronized void tick() {
        Map<String, LocalProcessor> replayable = processors.all().stream()
                                                           .filter(p -> !p.perNode() && p.sagaType() == null)
                                                           .collect(Collectors.toMap(LocalProcessor::name,
                                                                                     Function.identity()));
        for (ReplayRecord active : plans.active(replayable.keySet())) {
            if (!plans.lease(active.replayId(), node.nodeId(), lease)) {
                continue;
            }
            LocalProcessor local = replayable.get(active.processor());
            ReplayRecord plan = plans.find(active.replayId()).orElse(null);
            try {
                for (int step = 0; step < STEPS_PER_TICK && plan != null && steps.advance(plan, local, node.nodeId());
                     step++) {
                    plan = plans.find(active.replayId()).orElse(null);
                }
            } catch (RuntimeException e) {
                log.warn("Replay {} of {}: step {} failed on this node, trying again: {}", active.replayId(),
                         active.processor(), plan == null ? "?" : plan.state(), e.toString());
                plans.waiting(active.replayId(), "retrying after an error on " + node.nodeId() + ": " + e);
            }
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Could not work the replay plans on this node: {}", e.toString());
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
        try {
            plans.releaseLeases(node.nodeId());
        } catch (RuntimeException e) {
            log.warn("Could not hand back this node's replay leases: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** With the control watcher: after Axon started the processors, stopped before Axon stops them. */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS + 100;
    }
}
