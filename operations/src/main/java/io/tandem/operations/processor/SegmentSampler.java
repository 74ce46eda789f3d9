package io.tandem.operations.processor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What only the node working a segment can measure: how fast its position moves over a sliding window, and how long
 * it has not moved. Kept per node because each node reports only the segments it works; the results go to the
 * heartbeat table, where every node reads them.
 */
final class SegmentSampler {

    private final Duration window;
    private final Map<String, Deque<Sample>> samples = new HashMap<>();
    private final Map<String, Instant> movedAt = new HashMap<>();

    SegmentSampler(Duration window) {
        this.window = window;
    }

    /**
     * Records where a segment stands now and measures it; a position that went back (a reset) or that appeared
     * (the first event handled) starts the measurement afresh.
     */
    synchronized Measurement observe(String processor, int segment, Long position, Instant now) {
        String key = key(processor, segment);
        Deque<Sample> recent = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        Sample last = recent.peekLast();
        long current = position == null ? Long.MIN_VALUE : position;
        if (last == null || last.position() != current) {
            movedAt.put(key, now);
        }
        if (last != null && (current < last.position() || last.position() == Long.MIN_VALUE)) {
            recent.clear();
        }
        recent.addLast(new Sample(now, current));
        while (recent.size() > 2 && recent.peekFirst().at().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        Sample first = recent.peekFirst();
        double elapsed = Duration.between(first.at(), now).toMillis() / 1000.0;
        Double perSecond = position == null || first.position() == Long.MIN_VALUE || elapsed <= 0 ? null
                : (current - first.position()) / elapsed;
        double unmoved = Duration.between(movedAt.get(key), now).toMillis() / 1000.0;
        return new Measurement(perSecond, unmoved);
    }

    /** Forgets segments this node no longer works, so a segment that comes back is measured afresh. */
    synchronized void retainOnly(Set<String> processorSegments) {
        samples.keySet().retainAll(processorSegments);
        movedAt.keySet().retainAll(processorSegments);
    }

    static String key(String processor, int segment) {
        return processor + "#" + segment;
    }

    /**
     * @param eventsPerSecond positions advanced per second over the window; null until two samples exist
     * @param unmovedSeconds  how long the position has not changed (since this node first saw the segment)
     */
    record Measurement(Double eventsPerSecond, double unmovedSeconds) {
    }

    private record Sample(Instant at, long position) {
    }
}
