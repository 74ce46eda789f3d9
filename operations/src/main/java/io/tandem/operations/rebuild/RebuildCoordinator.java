package io.tandem.operations.rebuild;

import io.tandem.operations.node.NodeLoop;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.operations.node.LocalProcessors;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Works the rebuilds of the projections this node runs, every control poll: runs each rebuild's shadow processor
 * here while its state wants it and stops it otherwise, then takes or renews the lease of each rebuild no other
 * live node holds and takes its next steps. Everything lives in PostgreSQL, so when this node dies another node
 * running the projection carries on once the lease runs out.
 */
class RebuildCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RebuildCoordinator.class);
    private static final int STEPS_PER_TICK = 6;

    private final RebuildPlans plans;
    private final RebuildSteps steps;
    private final ShadowProcessors shadows;
    private final LocalProcessors processors;
    private final LocalNode node;
    private final Duration lease;
    private final NodeLoop loop;

    RebuildCoordinator(RebuildPlans plans, RebuildSteps steps, ShadowProcessors shadows, LocalProcessors processors,
                       LocalNode node, Duration interval, Duration lease) {
        this.plans = plans;
        this.steps = steps;
        this.shadows = shadows;
        this.processors = processors;
        this.node = node;
        this.lease = lease;
        this.loop = new NodeLoop("ops-rebuild-coordinator", interval, interval, this::tickQuietly);
    }

    /** Starts on a new request now rather than at the next poll. */
    void nudge() {
        loop.nudge();
    }

    synchronized void tick() {
        List<RebuildRecord> holding = plans.holding();
        Set<String> wanted = new HashSet<>();
        for (RebuildRecord plan : holding) {
            live(plan).ifPresent(live -> {
                if (reconcile(plan, live)) {
                    wanted.add(plan.shadowProcessor());
                }
            });
        }
        shadows.runningHere().stream().filter(name -> !wanted.contains(name)).forEach(shadows::ensureStopped);
        for (RebuildRecord held : holding) {
            Optional<LocalProcessor> live = live(held);
            if (live.isEmpty() || !plans.lease(held.rebuildId(), node.nodeId(), lease)) {
                continue;
            }
            RebuildRecord plan = plans.find(held.rebuildId()).orElse(null);
            try {
                for (int step = 0; step < STEPS_PER_TICK && plan != null
                                   && steps.advance(plan, node.tokenSchema()); step++) {
                    plan = plans.find(held.rebuildId()).orElse(null);
                    if (plan != null) {
                        reconcile(plan, live.get());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Rebuild {} of {}: step {} failed on this node, trying again: {}", held.rebuildId(),
                         held.projection(), plan == null ? "?" : plan.state(), e.toString());
                plans.waiting(held.rebuildId(), "retrying after an error on " + node.nodeId() + ": " + e);
            }
        }
    }

    /** Runs or stops this node's instance of the rebuild's shadow as its state wants; true when it runs. */
    private boolean reconcile(RebuildRecord plan, LocalProcessor live) {
        if (plan.state().shadowRuns()) {
            shadows.ensureRunning(plan, live);
            return true;
        }
        shadows.ensureStopped(plan.shadowProcessor());
        return false;
    }

    private Optional<LocalProcessor> live(RebuildRecord plan) {
        return processors.named(plan.projection());
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Could not work the rebuilds on this node: {}", e.toString());
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Stops the shadows (their claims are released) and hands the leases over. */
    @Override
    public void stop() {
        loop.stop();
        try {
            shadows.stopAll();
            plans.releaseLeases(node.nodeId());
        } catch (RuntimeException e) {
            log.warn("Could not stop this node's rebuild shadows cleanly: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** After Axon started the processors, stopped before Axon stops them. */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS + 100;
    }
}
