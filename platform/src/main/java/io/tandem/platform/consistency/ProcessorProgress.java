package io.tandem.platform.consistency;

import io.tandem.api.consistency.ConsistencyQueries.AwaitProcessedQuery;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Whether an event processor of this node has handled a position, segment by segment: the segments this node
 * processes from their in-memory status (updated once a batch has committed), the others from the token table
 * (read only when {@code mayRead} allows, since that is a query). A segment none of the write's events belongs to
 * need not be there yet: it only skips them. With events in PostgreSQL and a head position, a gap below it that has
 * committed since means the processor has yet to handle that event.
 */
final class ProcessorProgress {

    private final Supplier<EventProcessingConfiguration> processing;
    private final StoredTokens storedTokens;
    private final CommittedEvents committedEvents;

    /**
     * @param committedEvents null with Axon Server, whose tokens have no gaps
     */
    ProcessorProgress(Supplier<EventProcessingConfiguration> processing, StoredTokens storedTokens,
                      CommittedEvents committedEvents) {
        this.processing = processing;
        this.storedTokens = storedTokens;
        this.committedEvents = committedEvents;
    }

    boolean hosts(String processingGroup) {
        return processor(processingGroup).isPresent();
    }

    boolean reached(String processingGroup, AwaitProcessedQuery query, boolean mayRead) {
        StreamingEventProcessor processor = processor(processingGroup).orElse(null);
        if (processor == null) {
            return false;
        }
        Predicate<Segment> concerned = concerned(processingGroup, query);
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        List<Segment> segments = new ArrayList<>();
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            segments.add(status.getSegment());
            tokens.put(status.getSegment().getSegmentId(), status.getTrackingToken());
        }
        if (!whole(segments)) {
            if (!mayRead) {
                return false;
            }
            Map<Integer, TrackingToken> stored = storedTokens.of(processor.getName());
            stored.forEach(tokens::putIfAbsent);
            segments = Arrays.asList(Segment.computeSegments(stored.keySet().stream().mapToInt(i -> i).toArray()));
            if (segments.isEmpty() || !whole(segments)) {
                return false;
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (Segment segment : segments) {
            TrackingToken token = tokens.get(segment.getSegmentId());
            if (concerned.test(segment)) {
                if (!TokenPositions.handled(token, query.position())) {
                    return false;
                }
                gaps.addAll(TokenPositions.gapsBelow(token, query.position()));
            }
        }
        if (query.includingEarlier() && committedEvents != null && !gaps.isEmpty()) {
            return mayRead && !committedEvents.anyOf(gaps);
        }
        return true;
    }

    /** The segments that must have reached the position: all, unless the write's sequences tell which. */
    private Predicate<Segment> concerned(String processingGroup, AwaitProcessedQuery query) {
        if (query.includingEarlier() || query.sequenceIds().isEmpty()
            || !(processing.get().sequencingPolicy(processingGroup) instanceof SequentialPerAggregatePolicy)) {
            return segment -> true;
        }
        return segment -> query.sequenceIds().stream().anyMatch(segment::matches);
    }

    /** Whether the segments together cover every sequence, i.e. are all of the processor's segments. */
    private static boolean whole(List<Segment> segments) {
        if (segments.isEmpty()) {
            return false;
        }
        long finest = segments.stream().mapToLong(segment -> segment.getMask() + 1L).max().orElse(1);
        long covered = segments.stream().mapToLong(segment -> finest / (segment.getMask() + 1L)).sum();
        return covered == finest;
    }

    private Optional<StreamingEventProcessor> processor(String processingGroup) {
        return processing.get().eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class);
    }
}
