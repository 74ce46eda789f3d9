package io.tandem.operations.events;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts by reading the range from the event stream (Axon Server has no SQL): the payload type comes from each
 * event's serialized type, so no payload is deserialized. A range the store does not deliver within the read
 * timeout ends the count where it got to.
 */
public class StreamEventCounts implements EventCounts {

    private static final int READ_TIMEOUT_SECONDS = 5;

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final EventPositions positions;

    public StreamEventCounts(StreamableMessageSource<TrackedEventMessage<?>> events, EventPositions positions) {
        this.events = events;
        this.positions = positions;
    }

    @Override
    public Map<String, Long> byPayloadType(long after, long upTo) {
        Map<String, Long> counts = new TreeMap<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(positions.tokenAt(after))) {
            while (stream.hasNextAvailable(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                OptionalLong position = event.trackingToken().position();
                if (position.isPresent() && position.getAsLong() > upTo) {
                    break;
                }
                counts.merge(event.getPayloadType().getName(), 1L, Long::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }
}
