package io.tandem.operations.replay;

import java.time.Instant;

/** A row of {@code ops_replay}: a replay plan and how far it got. */
record ReplayRecord(String replayId, String processor, String tokenSchema, ReplayState state, ReplayFrom from,
                    boolean forced, String reason, String requestedBy, Instant requestedAt, String actionId,
                    Long pauseVersion, Long resumeVersion, Long startPosition, Long headAtReset,
                    Long deadLettersCleared, String leaseOwner, Instant leaseUntil, String waitingFor, String error,
                    Instant stateChangedAt, Instant replayingSince, Instant finishedAt, Long replayedPositions) {

    private static final int CONTROL_REASON_LIMIT = 1000;

    /** The reason this plan gives the control table when it pauses or resumes the processor. */
    String controlReason(String what) {
        String reason = "replay " + replayId + ": " + what;
        return reason.length() <= CONTROL_REASON_LIMIT ? reason : reason.substring(0, CONTROL_REASON_LIMIT - 1) + "…";
    }
}
