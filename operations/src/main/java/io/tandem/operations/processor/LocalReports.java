package io.tandem.operations.processor;

import io.tandem.operations.OperationsProperties;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.operations.node.LocalProcessors;
import io.tandem.operations.processor.ClusterSnapshot.Heartbeat;
import org.axonframework.eventhandling.EventTrackerStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What this node's processors say of themselves right now: their local {@code processingStatus()}, measured by the
 * node's {@link SegmentSampler}. Published as the heartbeat, and used fresh when this node answers the board.
 */
class LocalReports {

    private final LocalNode node;
    private final LocalProcessors processors;
    private final SegmentSampler sampler;

    LocalReports(LocalNode node, LocalProcessors processors, OperationsProperties properties) {
        this.node = node;
        this.processors = processors;
        this.sampler = new SegmentSampler(properties.rateWindow());
    }

    String nodeId() {
        return node.nodeId();
    }

    /** Every local processor's report, stamped with the given time of the database's clock. */
    List<Heartbeat> now(Instant reportedAt) {
        Instant now = Instant.now();
        List<Heartbeat> reports = new ArrayList<>();
        Set<String> reportedSegments = new HashSet<>();
        for (LocalProcessor processor : processors.all()) {
            List<ReportedSegment> segments = new ArrayList<>();
            for (EventTrackerStatus status : processor.processor().processingStatus().values()) {
                int segment = status.getSegment().getSegmentId();
                reportedSegments.add(SegmentSampler.key(processor.name(), segment));
                Long position = status.getCurrentPosition().isPresent()
                        ? status.getCurrentPosition().getAsLong() : null;
                segments.add(ReportedSegment.of(status, sampler.observe(processor.name(), segment, position, now)));
            }
            reports.add(new Heartbeat(node.nodeId(), processor.name(), processor.side(), processor.mode(),
                                      processor.tokenStore(), processor.processor().isRunning(),
                                      processor.processor().isError(), segments, reportedAt));
        }
        sampler.retainOnly(reportedSegments);
        return reports;
    }
}
