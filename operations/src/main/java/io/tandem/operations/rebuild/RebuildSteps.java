package io.tandem.operations.rebuild;

import io.tandem.api.operations.OperatorActionOutcome;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.events.EventPositions.StoredPosition;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.log.OperatorLog.Action;
import io.tandem.operations.processor.TokenTable.StoredToken;
import io.tandem.operations.rebuild.RebuildCluster.SegmentState;
import io.tandem.platform.jdbc.JsonColumns;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a rebuild up to its verification, taken by the node that holds its lease and runs the projection.
 * Each step checks where the cluster is and either moves the rebuild on or says what it waits for, so another node
 * can take any step again after a crash. The swaps and the drop are {@link RebuildSwaps}'.
 */
class RebuildSteps {

    private final RebuildPlans plans;
    private final RebuildSamples samples;
    private final RebuildCluster cluster;
    private final ShadowTables tables;
    private final RebuildVerification verification;
    private final LiveControl live;
    private final OperatorLog log;
    private final EventPositions positions;
    private final TransactionTemplate transactions;
    private final RebuildSwaps swaps;
    private final Duration window;

    RebuildSteps(RebuildPlans plans, RebuildSamples samples, RebuildCluster cluster, ShadowTables tables,
                 RebuildVerification verification, LiveControl live, OperatorLog log, EventPositions positions,
                 TransactionTemplate transactions, RebuildSwaps swaps, Duration window) {
        this.plans = plans;
        this.samples = samples;
        this.cluster = cluster;
        this.tables = tables;
        this.verification = verification;
        this.live = live;
        this.log = log;
        this.positions = positions;
        this.transactions = transactions;
        this.swaps = swaps;
        this.window = window;
    }

    /** Takes the rebuild's next step on this node; true when it moved on, so the next may follow at once. */
    boolean advance(RebuildRecord plan, String nodeSchema) {
        return switch (plan.state()) {
            case REQUESTED -> create(plan, nodeSchema);
            case BUILDING -> build(plan);
            case PAUSING -> awaitPaused(plan);
            case DRAINING -> drain(plan);
            case VERIFYING -> verify(plan);
            case VERIFIED, SWITCHED, ROLLED_BACK, FAILED -> rest(plan);
            case SWITCHING -> swaps.switchIn(plan);
            case ROLLING_BACK -> swaps.rollBack(plan);
            case DISCARDING -> swaps.drop(plan, RebuildState.DONE, nodeSchema);
            case DROPPING -> swaps.drop(plan, RebuildState.DROPPED, nodeSchema);
            case DONE, DROPPED -> false;
        };
    }

    private boolean create(RebuildRecord plan, String nodeSchema) {
        long first = positions.beforeFirst();
        Long head = positions.head().map(StoredPosition::position).orElse(null);
        try {
            transactions.executeWithoutResult(tx -> tables.create(plan, nodeSchema));
        } catch (RuntimeException e) {
            return live.fail(plan, "could not create the shadow tables: " + e.getMessage());
        }
        Map<String, Object> columns = new HashMap<>();
        columns.put("live_schema", nodeSchema);
        columns.put("first_position", first);
        columns.put("head_at_start", head);
        return plans.transition(plan, RebuildState.BUILDING, columns);
    }

    /**
     * Samples the shadow's progress. Once it has caught up it is held where it stands (its bound), so the live
     * processor, which may be a little behind, can reach it before it is paused for the comparison.
     */
    private boolean build(RebuildRecord plan) {
        RebuildProgress progress = progress(plan);
        samples.record(plan.rebuildId(), progress.position(), window);
        if (!progress.caughtUp()) {
            return false;
        }
        long reached = progress.segments().stream().map(SegmentState::position).filter(p -> p != null)
                               .mapToLong(Long::longValue).max().orElse(progress.position());
        Map<String, Object> columns = new HashMap<>();
        columns.put("caught_up_at", Instant.now());
        columns.put("bound_position", reached);
        return plans.transition(plan, RebuildState.PAUSING, columns);
    }

    /** Pauses the live processor once it has reached the shadow; the shadow then follows it to where it stopped. */
    private boolean awaitPaused(RebuildRecord plan) {
        if (!plan.livePaused()) {
            long behind = cluster.segments(plan.liveSchema(), plan.projection()).stream()
                                 .filter(s -> s.position() == null || s.position() < plan.boundPosition()).count();
            if (behind > 0) {
                plans.waiting(plan.rebuildId(), "waiting for " + behind + " live segment(s) to reach position "
                                                + plan.boundPosition());
                return false;
            }
            return plans.transition(plan, plan.state(), live.pause(plan, "pausing to compare with the rebuild"));
        }
        List<String> pending = cluster.notYetApplied(plan.projection(), plan.pauseVersion(), "PAUSED");
        if (!pending.isEmpty()) {
            plans.waiting(plan.rebuildId(), "waiting for " + String.join(", ", pending) + " to pause "
                                            + plan.projection());
            return false;
        }
        String claimed = cluster.claimed(plan.liveSchema(), plan.projection());
        if (!claimed.isEmpty()) {
            plans.waiting(plan.rebuildId(), "waiting for the live claims to be released: " + claimed);
            return false;
        }
        long bound = cluster.tokens(plan.liveSchema(), plan.projection()).stream()
                            .map(StoredToken::position).filter(p -> p != null).mapToLong(Long::longValue).max()
                            .orElse(plan.firstPosition());
        return plans.transition(plan, RebuildState.DRAINING,
                                Map.of("bound_position", Math.max(bound, plan.boundPosition())));
    }

    /** The shadow reads up to where the live processor stopped, and no further. */
    private boolean drain(RebuildRecord plan) {
        List<SegmentState> segments = cluster.segments(plan.liveSchema(), plan.shadowProcessor());
        long behind = segments.stream().filter(s -> (s.position() == null ? plan.firstPosition() : s.position())
                                                    < plan.boundPosition()).count();
        if (segments.isEmpty() || behind > 0) {
            plans.waiting(plan.rebuildId(), "waiting for " + (segments.isEmpty() ? "the shadow's segments"
                    : behind + " shadow segment(s)") + " to reach position " + plan.boundPosition());
            return false;
        }
        return plans.transition(plan, RebuildState.VERIFYING, Map.of());
    }

    private boolean verify(RebuildRecord plan) {
        VerificationReport report;
        try {
            tables.analyze(plan);
            report = verification.compare(plan, plan.boundPosition());
        } catch (RuntimeException e) {
            return live.fail(plan, "the verification failed: " + e.getMessage());
        }
        live.finish(plan.actionId(), OperatorActionOutcome.SUCCEEDED, "verified at position "
                                                                      + report.position() + ": " + report.summary());
        Map<String, Object> columns = new HashMap<>();
        columns.put("verification", JsonColumns.write(report));
        columns.put("verified_at", Instant.now());
        if (plan.verifyOnly()) {
            columns.putAll(live.resume(plan, "verified; resuming"));
            return plans.transition(plan, RebuildState.DISCARDING, columns);
        }
        if (plan.autoSwitch() && report.differingRows() == 0) {
            columns.put("switch_action_id", log.begin(new Action(OperatorLog.SWITCH, plan.projection(),
                    Map.of("rebuild", plan.rebuildId(), "automatic", "true"),
                    "verified with no difference: " + plan.reason())));
            return plans.transition(plan, RebuildState.SWITCHING, columns);
        }
        columns.putAll(live.resume(plan, "verified; resuming until the switch"));
        columns.put("bound_position", null);
        return plans.transition(plan, RebuildState.VERIFIED, columns);
    }

    /** Between operators' requests: resumes a live processor still paused by a step that ended, and samples. */
    private boolean rest(RebuildRecord plan) {
        if (plan.livePaused()) {
            return plans.transition(plan, plan.state(), live.resume(plan, plan.state().name().toLowerCase()));
        }
        if (plan.state() == RebuildState.VERIFIED) {
            samples.record(plan.rebuildId(), progress(plan).position(), window);
        }
        return false;
    }

    RebuildProgress progress(RebuildRecord plan) {
        long first = plan.firstPosition() == null ? positions.beforeFirst() : plan.firstPosition();
        Long head = positions.head().map(StoredPosition::position).orElse(null);
        List<SegmentState> segments = plan.liveSchema() == null ? List.of()
                : cluster.segments(plan.liveSchema(), plan.shadowProcessor());
        return RebuildProgress.of(segments, first, head, samples.within(plan.rebuildId(), window));
    }
}
