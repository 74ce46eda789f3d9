package io.tandem.operations.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event store as the shadow processor reads it: while a bound is set, no event past that position is delivered,
 * so the shadow stops exactly where the paused live processor stands and the two can be compared. Lifting the bound
 * lets it follow the head again.
 */
final class BoundedSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    static final long NONE = Long.MAX_VALUE;

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final AtomicLong bound = new AtomicLong(NONE);

    BoundedSource(StreamableMessageSource<TrackedEventMessage<?>> delegate) {
        this.delegate = delegate;
    }

    void bound(Long position) {
        bound.set(position == null ? NONE : position);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Bounded(delegate.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    private final class Bounded implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;

        private Bounded(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        private boolean within(TrackedEventMessage<?> event) {
            return event.trackingToken().position().orElse(Long.MIN_VALUE) <= bound.get();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek().filter(this::within);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit) && peek().isPresent();
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable() && peek().isPresent();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }
    }
}
