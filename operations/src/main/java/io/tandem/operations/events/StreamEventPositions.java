package io.tandem.operations.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Positions in any streamable event store (Axon Server): the head from its head token, and an event's timestamp by
 * opening a stream just before it and reading one event.
 */
public class StreamEventPositions implements EventPositions {

    private static final long READ_TIMEOUT_SECONDS = 5;

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final LongFunction<TrackingToken> tokenBefore;
    // an event's timestamp never changes, so what was read once is kept
    private final Cache<Long, Instant> timestamps = Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * @param tokenBefore the store's token that a stream opened at starts with the event at the given position
     *                    (Axon Server: {@code GlobalSequenceTrackingToken(position - 1)})
     */
    public StreamEventPositions(StreamableMessageSource<TrackedEventMessage<?>> events,
                                LongFunction<TrackingToken> tokenBefore) {
        this.events = events;
        this.tokenBefore = tokenBefore;
    }

    @Override
    public Optional<StoredPosition> head() {
        TrackingToken head = events.createHeadToken();
        if (head == null || head.position().isEmpty()) {
            return Optional.empty();
        }
        long position = head.position().getAsLong();
        return timestampAt(position).map(timestamp -> new StoredPosition(position, timestamp));
    }

    @Override
    public long beforeFirst() {
        TrackingToken tail = events.createTailToken();
        return tail == null ? -1 : tail.position().orElse(-1);
    }

    @Override
    public TrackingToken tokenAt(long position) {
        return tokenBefore.apply(position + 1);
    }

    @Override
    public Optional<Instant> timestampAt(long position) {
        Instant cached = timestamps.getIfPresent(position);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Instant> read = readAt(position);
        read.ifPresent(timestamp -> timestamps.put(position, timestamp));
        return read;
    }

    private Optional<Instant> readAt(long position) {
        if (position < 0) {
            return Optional.empty();
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(tokenBefore.apply(position))) {
            if (!stream.hasNextAvailable((int) READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
            return Optional.of(stream.nextAvailable().getTimestamp());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
