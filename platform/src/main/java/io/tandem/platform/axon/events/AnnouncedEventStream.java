package io.tandem.platform.axon.events;

import org.axonframework.common.Registration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An event stream of the embedded event store that tells its reader when events become available, so a pooled
 * processor's coordinator runs as soon as there is something to read instead of on its 500 ms timer.
 */
final class AnnouncedEventStream implements TrackingEventStream {

    private final TrackingEventStream delegate;
    private final EventAvailability availability;
    private volatile Registration callback;

    AnnouncedEventStream(TrackingEventStream delegate, EventAvailability availability) {
        this.delegate = delegate;
        this.availability = availability;
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        cancelCallback();
        this.callback = availability.register(callback);
        return true;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return delegate.peek();
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        return delegate.hasNextAvailable(timeout, unit);
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        return delegate.nextAvailable();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public void close() {
        cancelCallback();
        delegate.close();
    }

    private void cancelCallback() {
        Registration registered = callback;
        if (registered != null) {
            registered.cancel();
        }
    }
}
