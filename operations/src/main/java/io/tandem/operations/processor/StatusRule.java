package io.tandem.operations.processor;

import io.tandem.operations.control.ProcessorControl;
import io.tandem.operations.control.ProcessorControl.DesiredState;
import io.tandem.operations.processor.BoardViews.InstanceView;
import io.tandem.operations.processor.BoardViews.SegmentView;

import java.time.Duration;
import java.util.List;

/**
 * Decides a processor's status from its segments, instances and control, worst first (see {@link ProcessorStatus}),
 * with a reason an operator can act on.
 */
final class StatusRule {

    private StatusRule() {
    }

    record Verdict(ProcessorStatus status, String reason) {
    }

    static Verdict of(List<SegmentView> segments, List<InstanceView> instances, ProcessorControl control,
                      Duration stallAfter) {
        for (SegmentView segment : segments) {
            if (segment.errorType() != null) {
                return new Verdict(ProcessorStatus.ERROR, "segment %d on %s: %s: %s".formatted(
                        segment.segment(), segment.ownerNode(), segment.errorType(), segment.errorMessage()));
            }
        }
        for (InstanceView instance : instances) {
            if (instance.alive() && instance.error()) {
                return new Verdict(ProcessorStatus.ERROR, "in error on " + instance.nodeId());
            }
        }
        if (control != null && control.state() == DesiredState.PAUSED) {
            long stillRunning = instances.stream().filter(i -> i.alive() && i.running()).count();
            String progress = stillRunning == 0 ? "" : " (still running on %d node%s)".formatted(
                    stillRunning, stillRunning == 1 ? "" : "s");
            return new Verdict(ProcessorStatus.PAUSED, "paused: " + control.reason() + progress);
        }
        double stallSeconds = stallAfter.toMillis() / 1000.0;
        for (SegmentView segment : segments) {
            boolean behind = segment.lagEvents() != null && segment.lagEvents() > 0;
            if (behind && segment.unmovedSeconds() != null && segment.unmovedSeconds() >= stallSeconds) {
                return new Verdict(ProcessorStatus.STALLED, "segment %d has not moved for %d s while %d events wait%s"
                        .formatted(segment.segment(), Math.round(segment.unmovedSeconds()), segment.lagEvents(),
                                   segment.ownerAlive() ? "" : segment.ownerNode() == null
                                           ? "; no node has claimed it" : "; its owner is gone"));
            }
        }
        for (SegmentView segment : segments) {
            if (segment.replaying()) {
                return new Verdict(ProcessorStatus.REPLAYING, segment.resetPosition() == null
                        ? "segment %d is replaying".formatted(segment.segment())
                        : "segment %d is replaying up to position %d".formatted(segment.segment(),
                                                                                segment.resetPosition()));
            }
        }
        return new Verdict(ProcessorStatus.RUNNING, null);
    }
}
