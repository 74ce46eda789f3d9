package io.tandem.operations.rebuild;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.platform.jdbc.JsonColumns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rebuild as {@code GET /api/admin/projections/{name}/rebuilds/{id}} shows it.
 *
 * @param executorNode the node working the rebuild (its lease holder) while it holds the projection
 * @param waitingFor   what the current step waits for, in words
 * @param boundPosition while comparing: the position the shadow reads up to, where the paused live processor stopped
 * @param progress     the shadow's catch-up with speed and ETA, while it runs
 * @param verification the comparison with the live tables, once made
 * @param actions      what an administrator may ask of it now: switch, rollback, drop
 */
record RebuildView(String rebuildId, String projection, List<String> tables, RebuildState state, boolean verifyOnly,
                   boolean autoSwitch, String reason, String requestedBy, Instant requestedAt, String actionId,
                   String switchActionId, String rollbackActionId, String dropActionId, String shadowProcessor,
                   String shadowSchema, String liveSchema, String executorNode, String waitingFor, String error,
                   boolean livePaused, Long boundPosition, Long firstPosition, Long headAtStart,
                   RebuildProgress progress, VerificationReport verification, List<String> actions,
                   Instant stateChangedAt, Instant caughtUpAt, Instant verifiedAt, Instant switchedAt,
                   Instant rolledBackAt, Instant finishedAt) {

    private static final TypeReference<VerificationReport> REPORT = new TypeReference<>() {
    };

    static RebuildView of(RebuildRecord plan, RebuildProgress progress) {
        boolean ended = plan.state().ended();
        return new RebuildView(plan.rebuildId(), plan.projection(), plan.tables(), plan.state(), plan.verifyOnly(),
                               plan.autoSwitch(), plan.reason(), plan.requestedBy(), plan.requestedAt(),
                               plan.actionId(), plan.switchActionId(), plan.rollbackActionId(), plan.dropActionId(),
                               plan.shadowProcessor(), plan.shadowSchema(), plan.liveSchema(),
                               ended ? null : plan.leaseOwner(), plan.waitingFor(), plan.error(), plan.livePaused(),
                               plan.boundPosition(), plan.firstPosition(), plan.headAtStart(), progress,
                               plan.verification() == null ? null : JsonColumns.read(plan.verification(), REPORT),
                               actions(plan.state()), plan.stateChangedAt(), plan.caughtUpAt(), plan.verifiedAt(),
                               plan.switchedAt(), plan.rolledBackAt(), plan.finishedAt());
    }

    static List<String> actions(RebuildState state) {
        List<String> actions = new ArrayList<>();
        if (state == RebuildState.VERIFIED) {
            actions.add("switch");
        }
        if (state == RebuildState.SWITCHED) {
            actions.add("rollback");
        }
        if (Rebuilds.DROPPABLE.contains(state)) {
            actions.add("drop");
        }
        return List.copyOf(actions);
    }
}
