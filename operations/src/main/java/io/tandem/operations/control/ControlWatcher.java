package io.tandem.operations.control;

import io.tandem.operations.node.NodeLoop;
import io.tandem.operations.OperationsProperties;
import io.tandem.operations.control.ProcessorControl.DesiredState;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.operations.node.LocalProcessors;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.HashMap;
import java.util.Map;

/**
 * Brings this node's processors into the state operators asked for in the control table, polling it every
 * {@code tandem.operations.control-poll-interval}. A new request (a new version) is applied once and acknowledged;
 * a paused processor is kept paused, so one that starts again on its own (a restarted node) stops at the next poll.
 * Resuming is applied only on request, so a processor stopped for another reason is not started behind its back.
 */
class ControlWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControlWatcher.class);

    private final LocalNode node;
    private final LocalProcessors processors;
    private final ProcessorControls controls;
    private final OperationsProperties properties;
    private final Map<String, Long> appliedVersions = new HashMap<>();
    private final NodeLoop loop;

    ControlWatcher(LocalNode node, LocalProcessors processors, ProcessorControls controls,
                   OperationsProperties properties) {
        this.node = node;
        this.processors = processors;
        this.controls = controls;
        this.properties = properties;
        this.loop = new NodeLoop("ops-control-watcher", properties.controlPollInterval(), properties.controlPollInterval(),
                                 this::pollQuietly);
    }

    synchronized void poll() {
        Map<String, ProcessorControl> wanted = controls.all();
        for (LocalProcessor local : processors.all()) {
            ProcessorControl control = wanted.get(local.name());
            if (control == null) {
                continue;
            }
            Long applied = appliedVersions.get(local.name());
            if (applied == null || applied != control.version()) {
                String failure = apply(local.processor(), control.state());
                controls.acknowledge(node.nodeId(), control, failure);
                appliedVersions.put(local.name(), control.version());
                log.info("Processor {} {} on this node ({}): {}", local.name(),
                         failure == null ? "is now " + control.state() : "could not be " + control.state(),
                         control.requestedBy(), failure == null ? control.reason() : failure);
            } else if (control.state() == DesiredState.PAUSED && local.processor().isRunning()) {
                apply(local.processor(), DesiredState.PAUSED);
            }
        }
    }

    private static String apply(StreamingEventProcessor processor, DesiredState state) {
        try {
            if (state == DesiredState.PAUSED) {
                processor.shutDown();
            } else if (!processor.isRunning()) {
                processor.start();
            }
            return null;
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Could not apply the processor control table on this node: {}", e.toString());
        }
    }

    /** Applies what is asked at once, before the first interval: a paused processor stops right after it started. */
    @Override
    public void start() {
        pollQuietly();
        loop.start();
    }

    @Override
    public void stop() {
        // a poll under way finishes before Axon stops the processors it might touch
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** After Axon has started the processors, and stopped before Axon stops them, so it never restarts one. */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS + 100;
    }
}
