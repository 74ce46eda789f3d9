package io.tandem.operations.replay;

import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.operations.node.LocalProcessors;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final Duration interval;
    private final Duration lease;
    private ScheduledExecutorService scheduler;

    ReplayCoordinator(ReplayPlans plans, ReplaySteps steps, LocalProcessors processors, LocalNode node,
                      Duration interval, Duration lease) {
        this.plans = plans;
        this.steps = steps;
        this.processors = processors;
        this.node = node;
        this.interval = interval;
        this.lease = lease;
    }

    /** Starts on a new plan now rather than at the next poll: the node that accepted it usually works it. */
    void nudge() {
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            current.execute(this::tickQuietly);
        }
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
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ops-replay-coordinator");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tickQuietly, interval.toMillis(), interval.toMillis(),
                                         TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = scheduler;
        scheduler = null;
        current.shutdownNow();
        try {
            current.awaitTermination(10, TimeUnit.SECONDS);
            plans.releaseLeases(node.nodeId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not hand back this node's replay leases: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** With the control watcher: after Axon started the processors, stopped before Axon stops them. */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS + 100;
    }
}
