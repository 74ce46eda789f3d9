package io.tandem.operations.processor;

import io.tandem.operations.control.ProcessorControl;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/admin/processors} answers. */
public final class BoardViews {

    private BoardViews() {
    }

    /**
     * The whole cluster's processors as one node reads them from PostgreSQL.
     *
     * @param answeredBy    the node that read it
     * @param headPosition  the newest event's position; absent while the store is empty
     * @param headTimestamp when the newest event was stored
     */
    public record ProcessorBoard(Instant generatedAt, String answeredBy, Long headPosition, Instant headTimestamp,
                                 List<NodeView> nodes, List<ProcessorView> processors) {
    }

    /** A node that reported itself; {@code alive} while it reported within the node timeout. */
    public record NodeView(String nodeId, String sides, Instant startedAt, Instant lastSeen, boolean alive) {
    }

    /**
     * One processor across all nodes.
     *
     * @param tokenStore      {@code shared}: one token per segment in PostgreSQL; {@code node}: every node runs all
     *                        segments with tokens in memory
     * @param statusReason    why the status is not {@code running}
     * @param lagEvents       the largest segment lag in events
     * @param lagSeconds      the largest segment lag in seconds
     * @param eventsPerSecond positions its segments advance per second, averaged over the segments
     * @param deadLetters     letters in its dead-letter queue
     * @param control         what operators last asked of it, if anything
     * @param instances       the processor on each node that reported it
     */
    public record ProcessorView(String name, String side, String mode, String tokenStore, ProcessorStatus status,
                                String statusReason, Long lagEvents, Double lagSeconds, Double eventsPerSecond,
                                long deadLetters, long deadLetterSequences, List<SegmentView> segments,
                                ProcessorControl control, List<InstanceView> instances) {
    }

    /**
     * A segment: its token's position and owner, and what the owner reported of it.
     *
     * @param lagEvents  head minus position
     * @param lagSeconds the head event's timestamp minus that of the event at the position
     * @param caughtUp   as its owner reports it; absent without a live owner
     * @param unmovedSeconds how long its position has not moved
     */
    public record SegmentView(int segment, String ownerNode, boolean ownerAlive, Long position, Long head,
                              Long lagEvents, Double lagSeconds, Boolean caughtUp, boolean replaying,
                              Long resetPosition, String errorType, String errorMessage, Double eventsPerSecond,
                              Double unmovedSeconds) {
    }

    /**
     * The processor on one node.
     *
     * @param appliedControlVersion the control version this node applied; absent before it applied any
     * @param controlFailure        why applying it failed, if it did
     */
    public record InstanceView(String nodeId, boolean alive, boolean running, boolean error,
                               Long appliedControlVersion, String controlFailure) {
    }
}
