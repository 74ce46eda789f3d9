package io.tandem.operations.processor;

import io.tandem.operations.control.ProcessorControl;
import io.tandem.operations.control.ProcessorControl.DesiredState;
import io.tandem.operations.processor.BoardViews.InstanceView;
import io.tandem.operations.processor.BoardViews.SegmentView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRuleTest {

    private static final Duration STALL_AFTER = Duration.ofSeconds(60);
    private static final InstanceView RUNNING_HERE = new InstanceView("1@a", true, true, false, null, null);

    private static SegmentView segment(long lag, double unmovedSeconds, boolean replaying, String errorType,
                                       boolean ownerAlive) {
        return new SegmentView(0, ownerAlive ? "1@a" : "9@gone", ownerAlive, 100 - lag, 100L, lag, lag * 0.5, null,
                               replaying, replaying ? 100L : null, errorType, errorType == null ? null : "boom",
                               null, unmovedSeconds);
    }

    private static ProcessorControl control(DesiredState state) {
        return new ProcessorControl("bookings", state, 2, "maintenance", "operator-1", Instant.now());
    }

    @Test
    void aSegmentBehindTheHeadThatHasNotMovedForTheStallTimeIsStalled() {
        var verdict = StatusRule.of(List.of(segment(12, 75, false, null, true)), List.of(RUNNING_HERE), null,
                                    STALL_AFTER);

        assertThat(verdict.status()).isEqualTo(ProcessorStatus.STALLED);
        assertThat(verdict.reason()).isEqualTo("segment 0 has not moved for 75 s while 12 events wait");
    }

    @Test
    void aSegmentThatIsCaughtUpOrStillMovingIsNotStalled() {
        assertThat(StatusRule.of(List.of(segment(0, 600, false, null, true)), List.of(RUNNING_HERE), null,
                                 STALL_AFTER).status()).isEqualTo(ProcessorStatus.RUNNING);
        assertThat(StatusRule.of(List.of(segment(500, 2, false, null, true)), List.of(RUNNING_HERE), null,
                                 STALL_AFTER).status()).isEqualTo(ProcessorStatus.RUNNING);
    }

    @Test
    void aStalledSegmentWhoseOwnerIsGoneSaysSo() {
        var verdict = StatusRule.of(List.of(segment(3, 90, false, null, false)), List.of(), null, STALL_AFTER);

        assertThat(verdict.status()).isEqualTo(ProcessorStatus.STALLED);
        assertThat(verdict.reason()).endsWith("; its owner is gone");
    }

    @Test
    void anErrorOutranksEverythingElse() {
        var verdict = StatusRule.of(List.of(segment(3, 90, true, "java.lang.IllegalStateException", true)),
                                    List.of(RUNNING_HERE), control(DesiredState.PAUSED), STALL_AFTER);

        assertThat(verdict.status()).isEqualTo(ProcessorStatus.ERROR);
        assertThat(verdict.reason()).isEqualTo("segment 0 on 1@a: java.lang.IllegalStateException: boom");
    }

    @Test
    void aPausedProcessorIsPausedNotStalledAndSaysWhereItStillRuns() {
        var verdict = StatusRule.of(List.of(segment(40, 600, false, null, true)), List.of(RUNNING_HERE),
                                    control(DesiredState.PAUSED), STALL_AFTER);

        assertThat(verdict.status()).isEqualTo(ProcessorStatus.PAUSED);
        assertThat(verdict.reason()).isEqualTo("paused: maintenance (still running on 1 node)");
    }

    @Test
    void aReplayingSegmentShowsHowFarTheReplayGoes() {
        var verdict = StatusRule.of(List.of(segment(30, 1, true, null, true)), List.of(RUNNING_HERE),
                                    control(DesiredState.RUNNING), STALL_AFTER);

        assertThat(verdict.status()).isEqualTo(ProcessorStatus.REPLAYING);
        assertThat(verdict.reason()).isEqualTo("segment 0 is replaying up to position 100");
    }
}
