package io.tandem.operations.replay;

import io.tandem.operations.processor.TokenTable.StoredToken;
import io.tandem.operations.replay.ReplaySamples.Sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a replay is, from its segments' tokens: each segment goes from the start position to where it stood when
 * it was reset, and is done once it has reached that position. Speed and ETA come from the samples of the
 * sliding window.
 *
 * @param percent         covered over covered plus remaining, all segments together
 * @param eventsPerSecond positions of the event stream replayed per second (a segment reads every position)
 * @param etaSeconds      remaining positions over the measured speed; absent until two samples exist
 * @param remaining       positions left, summed over segments
 */
record ReplayProgress(double percent, List<SegmentProgress> segments, Double eventsPerSecond, Double etaSeconds,
                      long covered, long remaining, double windowSeconds) {

    /**
     * @param replayUntil where the segment stood at the reset: the last position it replays
     * @param replaying   false once the segment reached its reset position (its token stays a replay token until
     *                    an event after that position arrives, which on a quiet system may take long)
     */
    record SegmentProgress(int segment, String owner, Long position, Long replayUntil, boolean replaying,
                           double percent) {
    }

    static ReplayProgress of(ReplayRecord plan, List<StoredToken> tokens, List<Sample> window) {
        long start = plan.startPosition() == null ? 0 : plan.startPosition();
        long head = plan.headAtReset() == null ? start : plan.headAtReset();
        long covered = 0;
        long remaining = 0;
        List<SegmentProgress> segments = new ArrayList<>();
        for (StoredToken token : tokens) {
            long position = token.position() == null ? start : token.position();
            boolean replayToken = token.replaying() && token.resetPosition() != null;
            long until = replayToken ? token.resetPosition() : Math.max(start, Math.min(position, head));
            long done = Math.max(0, Math.min(position, until) - start);
            long left = Math.max(0, until - position);
            covered += done;
            remaining += left;
            double percent = done + left == 0 ? 100 : rounded(100.0 * done / (done + left));
            segments.add(new SegmentProgress(token.segment(), token.owner(), token.position(),
                                             replayToken ? until : null, left > 0, percent));
        }
        double overall = covered + remaining == 0 ? 100 : rounded(100.0 * covered / (covered + remaining));
        Double perSecond = null;
        Double eta = null;
        double windowSeconds = 0;
        if (window.size() >= 2) {
            Sample first = window.get(0);
            Sample last = window.get(window.size() - 1);
            windowSeconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
            double rate = windowSeconds <= 0 ? 0 : (last.covered() - first.covered()) / windowSeconds;
            if (rate > 0) {
                perSecond = rounded(rate / Math.max(1, last.segments()));
                eta = rounded(remaining / rate);
            }
        }
        return new ReplayProgress(overall, List.copyOf(segments), perSecond, eta, covered, remaining,
                                  rounded(windowSeconds));
    }

    /** Positions of the event stream replayed: covered over the segments, as every segment reads every position. */
    long replayedPositions() {
        return segments.isEmpty() ? 0 : covered / segments.size();
    }

    boolean finished() {
        return !segments.isEmpty() && segments.stream().noneMatch(SegmentProgress::replaying);
    }

    private static double rounded(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
