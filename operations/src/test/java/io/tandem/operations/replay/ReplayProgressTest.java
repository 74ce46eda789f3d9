package io.tandem.operations.replay;

import io.tandem.operations.processor.TokenTable.StoredToken;
import io.tandem.operations.replay.ReplayCluster.Report;
import io.tandem.operations.replay.ReplaySamples.Sample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayProgressTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    /** A plan that replays from position 100; the head was at 1100 when it reset. */
    private static ReplayRecord plan() {
        return new ReplayRecord("r-1", "bookings", "public", ReplayState.REPLAYING, ReplayFrom.parse("100"), false,
                                "why", "admin", NOW, "a-1", 1L, 2L, 100L, 1100L, 0L, "1@a", NOW, null, null, NOW,
                                NOW, null, null);
    }

    private static StoredToken token(int segment, Long position, boolean replaying, Long resetPosition) {
        return new StoredToken("public", "bookings", segment, "1@a", position, replaying, resetPosition, NOW);
    }

    @Test
    void eachSegmentGoesFromTheStartToWhereItStoodAtTheReset() {
        ReplayProgress progress = ReplayProgress.of(plan(), List.of(token(0, 600L, true, 1100L),
                                                                    token(1, 100L, true, 1100L)),
                                                    Map.of(), List.of());
        assertThat(progress.segments()).extracting(ReplayProgress.SegmentProgress::percent).containsExactly(50.0, 0.0);
        assertThat(progress.percent()).isEqualTo(25.0);
        assertThat(progress.covered()).isEqualTo(500);
        assertThat(progress.remaining()).isEqualTo(1500);
        assertThat(progress.replayedPositions()).isEqualTo(250);
        assertThat(progress.finished()).isFalse();
        assertThat(progress.etaSeconds()).as("no speed without samples").isNull();
    }

    @Test
    void aSegmentAtItsResetPositionIsDoneThoughItsTokenStillSaysReplay() {
        ReplayProgress progress = ReplayProgress.of(plan(), List.of(token(0, 1100L, true, 1100L),
                                                                    token(1, 1105L, false, null)),
                                                    Map.of(), List.of());
        assertThat(progress.finished()).isTrue();
        assertThat(progress.percent()).isEqualTo(100.0);
        assertThat(progress.replayedPositions()).isEqualTo(1000);
    }

    @Test
    void theOwnersReportMadeAfterItsClaimWinsOverAStaleToken() {
        List<StoredToken> stale = List.of(token(0, 900L, true, 1100L));
        Report after = new Report(NOW.plusSeconds(1), Map.of(0, 1100L));
        assertThat(ReplayProgress.of(plan(), stale, Map.of("1@a", after), List.of()).finished()).isTrue();
        assertThat(ReplayProgress.of(plan(), stale, Map.of("2@b", after), List.of()).finished())
                .as("only the segment's owner speaks for it").isFalse();
        Report before = new Report(NOW.minusSeconds(1), Map.of(0, 1100L));
        assertThat(ReplayProgress.of(plan(), stale, Map.of("1@a", before), List.of()).finished())
                .as("a report from before the claim may be of the segment before the reset").isFalse();
    }

    @Test
    void speedAndEtaComeFromTheSamplesOfTheWindow() {
        List<Sample> window = List.of(new Sample(NOW, 200, 1800, 2), new Sample(NOW.plusSeconds(5), 700, 1300, 2),
                                      new Sample(NOW.plusSeconds(10), 1200, 800, 2));
        ReplayProgress progress = ReplayProgress.of(plan(), List.of(token(0, 700L, true, 1100L),
                                                                    token(1, 700L, true, 1100L)),
                                                    Map.of(), window);
        // 1000 positions over 10 s across two segments: 100 positions/s summed, 50 events/s of the stream
        assertThat(progress.eventsPerSecond()).isEqualTo(50.0);
        assertThat(progress.remaining()).isEqualTo(800);
        assertThat(progress.etaSeconds()).isEqualTo(8.0);
        assertThat(progress.windowSeconds()).isEqualTo(10.0);
    }

    @Test
    void theWaitBeforeTheSegmentsMoveIsNotCountedAsSpeed() {
        List<Sample> window = List.of(new Sample(NOW, 0, 2000, 2), new Sample(NOW.plusSeconds(2), 0, 2000, 2),
                                      new Sample(NOW.plusSeconds(4), 100, 1900, 2),
                                      new Sample(NOW.plusSeconds(6), 300, 1700, 2));
        ReplayProgress progress = ReplayProgress.of(plan(), List.of(token(0, 250L, true, 1100L),
                                                                    token(1, 150L, true, 1100L)),
                                                    Map.of(), window);
        assertThat(progress.windowSeconds()).isEqualTo(4.0);
        assertThat(progress.eventsPerSecond()).isEqualTo(37.5);
    }
}
