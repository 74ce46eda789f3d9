package io.tandem.operations.rebuild;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a rebuild stands. The shadow processor runs from {@code BUILDING} to {@code VERIFIED}; the live one is
 * paused by the rebuild only while it is compared ({@code PAUSING} to {@code VERIFYING}) and swapped
 * ({@code SWITCHING}, {@code ROLLING_BACK}).
 */
enum RebuildState {
    /** asked for: the shadow tables are created next */
    REQUESTED,
    /** the shadow processor catches up with the head */
    BUILDING,
    /** caught up: the live processor is paused on every node, so both can be compared at one position */
    PAUSING,
    /** the shadow processor reaches the live one's position, and no further */
    DRAINING,
    /** rows are counted and compared */
    VERIFYING,
    /** compared; the live processor runs again and the shadow follows the head until it is switched in */
    VERIFIED,
    /** the live processor pauses, the shadow stops, and the tables are swapped in one transaction */
    SWITCHING,
    /** the new version serves; the previous one is kept for a rollback */
    SWITCHED,
    /** the previous version's tables are swapped back in */
    ROLLING_BACK,
    /** the previous version serves again; the new one is kept until dropped */
    ROLLED_BACK,
    /** a verify-only run ends: the shadow is dropped */
    DISCARDING,
    /** the version not in use is dropped */
    DROPPING,
    /** a verify-only run ended */
    DONE,
    /** the version not in use is gone */
    DROPPED,
    /** something could not be done; the live processor runs; the shadow is kept until dropped */
    FAILED;

    private static final Set<RebuildState> SHADOW_RUNS = EnumSet.of(BUILDING, PAUSING, DRAINING, VERIFYING, VERIFIED);

    boolean shadowRuns() {
        return SHADOW_RUNS.contains(this);
    }

    /** No longer holds the projection: another rebuild may start. */
    boolean ended() {
        return this == DONE || this == DROPPED;
    }
}
