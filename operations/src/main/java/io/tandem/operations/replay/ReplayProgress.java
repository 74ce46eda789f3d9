package io.tandem.operations.replay;

import io.tandem.operations.processor.TokenTable.StoredToken;
import io.tandem.operations.replay.ReplayCluster.Report;
import io.tandem.operations.replay.ReplaySamples.Sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How far a replay is, from its segments' tokens (or their owners' fresher reports): each segment goes from the
 * start position to the store's head at the reset (or further, if it stood further then), and is done once it has
 * reached it: the read model is then rebuilt up to the moment of the reset, including events the processor had not
 * handled yet when it was paused (those are new to it, so side-effect handlers do run for them). Speed and ETA come
 * from the samples of the sliding window.
 *
 * @param percent         covered over covered plus remaining, all segments together
 * @param eventsPerSecond positions of the event stream replayed per second (a segment reads every position)
 * @param etaSeconds      remaining positions over the measured speed; absent until two samples exist
 * @param remaining       positions left, summed over segments
 */
record ReplayProgress(double percent, List<SegmentProgress> segments, Double eventsPerSecond, Double etaSeconds,
                      long covered, long remaining, double windowSeconds) {

    /**
     * @param replayUntil the head at the reset: the last position the segment has to reach
     * @param replaying   false once the segment reached it (its token stays a replay token until an event after
     *                    where it stood at the reset arrives, which on a quiet system may take long)
     */
    record SegmentProgress(int segment, String owner, Long position, Long replayUntil, boolean replaying,
                           double percent) {
    }

    /**
     * @param reports what the running nodes last reported of their segments, by node
     */
    static ReplayProgress of(ReplayRecord plan, List<StoredToken> tokens, Map<String, Report> reports,
                             List<Sample> window) {
        long start = plan.startPosition() == null ? 0 : plan.startPosition();
        long head = plan.headAtReset() == null ? start : plan.headAtReset();
        long covered = 0;
        long remaining = 0;
        List<SegmentProgress> segments = new ArrayList<>();
        for (StoredToken token : tokens) {
            Long fresher = fresher(token, reports.get(token.owner()));
            long stored = token.position() == null ? start : token.position();
            long position = fresher == null ? stored : Math.max(stored, fresher);
            long until = token.replaying() && token.resetPosition() != null ? Math.max(head, token.resetPosition())
                                                                            : head;
            long done = Math.max(0, Math.min(position, until) - start);
            long left = Math.max(0, until - position);
            covered += done;
            remaining += left;
            double percent = done + left == 0 ? 100 : rounded(100.0 * done / (done + left));
            segments.add(new SegmentProgress(token.segment(), token.owner(), position, until, left > 0, percent));
        }
        double overall = covered + remaining == 0 ? 100 : rounded(100.0 * covered / (covered + remaining));
        Double perSecond = null;
        Double eta = null;
        double windowSeconds = 0;
        List<Sample> moving = moving(window);
        if (moving.size() >= 2) {
            Sample first = moving.get(0);
            Sample last = moving.get(moving.size() - 1);
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

    /**
     * The owner's report of the segment, if the owner made it after it last stored or claimed the token: all claims
     * are released at the reset, so such a report is about the segment since the reset (a processor keeps reporting
     * the segments it worked before it stopped until it claims them again).
     */
    private static Long fresher(StoredToken token, Report report) {
        if (report == null || token.updatedAt() == null || !report.reportedAt().isAfter(token.updatedAt())) {
            return null;
        }
        return report.positions().get(token.segment());
    }

    /**
     * The window from the last sample before the replay started moving: the nodes take a moment to claim their
     * segments after the reset, and counting that wait as speed would make the first estimates far too long.
     */
    private static List<Sample> moving(List<Sample> window) {
        int first = 0;
        while (first + 1 < window.size() && window.get(first + 1).covered() == window.get(0).covered()) {
            first++;
        }
        return window.subList(first, window.size());
    }

    private static double rounded(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
