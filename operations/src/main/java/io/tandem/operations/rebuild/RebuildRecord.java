package io.tandem.operations.rebuild;

import java.time.Instant;
import java.util.List;

/** A row of {@code ops_rebuild}: a rebuild and how far it got. */
record RebuildRecord(String rebuildId, String projection, List<String> tables, String shadowProcessor,
                     String shadowSchema, String liveSchema, boolean verifyOnly, boolean autoSwitch,
                     RebuildState state, String reason, String requestedBy, Instant requestedAt, String actionId,
                     String switchActionId, String rollbackActionId, String dropActionId, boolean livePaused,
                     Long pauseVersion, Long boundPosition, Long firstPosition, Long headAtStart,
                     String verification, String leaseOwner, Instant leaseUntil, String waitingFor, String error,
                     Instant stateChangedAt, Instant caughtUpAt, Instant verifiedAt, Instant switchedAt,
                     Instant rolledBackAt, Instant finishedAt) {

    private static final int CONTROL_REASON_LIMIT = 1000;

    /** The reason this rebuild gives the control table when it pauses or resumes the live processor. */
    String controlReason(String what) {
        String text = "rebuild " + rebuildId + ": " + what;
        return text.length() <= CONTROL_REASON_LIMIT ? text : text.substring(0, CONTROL_REASON_LIMIT - 1) + "…";
    }
}
