package io.tandem.operations.rebuild;

import io.tandem.operations.rebuild.RebuildCluster.SegmentState;
import io.tandem.operations.rebuild.RebuildSamples.Sample;

import java.time.Duration;
import java.util.List;

/**
 * How far the shadow processor is: its slowest segment's position between the first event and the head, the speed
 * over the sliding window of samples, and the time left at that speed.
 *
 * @param position        the slowest segment's position (every segment reads every position)
 * @param head            the newest event's position now
 * @param eventsPerSecond positions of the event stream read per second over the window; absent until two samples
 * @param etaSeconds      positions left over that speed; absent without a speed
 * @param caughtUp        every segment reports nothing left to read, or has reached the head
 */
record RebuildProgress(long position, Long head, double percent, Double eventsPerSecond, Double etaSeconds,
                       boolean caughtUp, List<SegmentState> segments, double windowSeconds) {

    static RebuildProgress of(List<SegmentState> segments, long first, Long head, List<Sample> window) {
        long position = segments.stream().mapToLong(s -> s.position() == null ? first : s.position()).min()
                                .orElse(first);
        long end = head == null ? first : head;
        double percent = end <= first ? 100 : Math.min(100, rounded(100.0 * (position - first) / (end - first)));
        boolean caughtUp = !segments.isEmpty()
                           && (position >= end || segments.stream().allMatch(SegmentState::caughtUp));
        Double perSecond = null;
        Double eta = null;
        double seconds = 0;
        if (window.size() >= 2) {
            Sample oldest = window.get(0);
            Sample newest = window.get(window.size() - 1);
            seconds = Duration.between(oldest.at(), newest.at()).toMillis() / 1000.0;
            double rate = seconds <= 0 ? 0 : (newest.position() - oldest.position()) / seconds;
            if (rate > 0) {
                perSecond = rounded(rate);
                eta = rounded(Math.max(0, end - position) / rate);
            }
        }
        Double left = caughtUp ? Double.valueOf(0) : eta;
        return new RebuildProgress(position, head, caughtUp ? 100 : percent, perSecond, left, caughtUp,
                                   List.copyOf(segments), rounded(seconds));
    }

    private static double rounded(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
