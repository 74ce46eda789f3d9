package io.tandem.operations.replay;

/** Where a replay plan stands; each step is taken by the node holding the plan's lease. */
enum ReplayState {
    /** accepted; nothing asked of the nodes yet */
    REQUESTED,
    /** every node was asked to pause the processor; waiting for each to acknowledge */
    PAUSING,
    /** every node paused it; waiting until no live node claims a segment */
    WAITING_FOR_RELEASE,
    /** resetting the tokens on one node, in one transaction with the plan */
    RESETTING,
    /** asking every node to start the processor again */
    STARTING,
    /** the segments work through the replayed events */
    REPLAYING,
    DONE,
    FAILED;

    boolean finished() {
        return this == DONE || this == FAILED;
    }
}
