package io.tandem.platform.axon.events;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Duration;
import java.util.List;

/**
 * Axon's embedded event store (events in PostgreSQL) that wakes its readers when events are committed instead of
 * leaving them to poll: its producer fetches at once after a commit in this JVM (Axon's own behaviour) or when
 * PostgreSQL reports a commit elsewhere ({@link #fetchNow()}, from {@link CommitNotifications}); and its streams
 * accept an availability callback ({@link AnnouncedEventStream}), so pooled processors are scheduled as soon as
 * the producer has the events rather than on their 500 ms timer.
 */
public class SignallingEventStore extends EmbeddedEventStore {

    private final EventAvailability availability;
    private final List<EventAppendListener> appendListeners;

    private SignallingEventStore(Builder builder, EventAvailability availability,
                                 List<EventAppendListener> appendListeners) {
        super(builder);
        this.availability = availability;
        this.appendListeners = List.copyOf(appendListeners);
    }

    /**
     * @param builder  an embedded event store's builder, all but its storage engine set
     * @param fallback how long the producer waits for a commit signal before it looks for new events anyway
     */
    static SignallingEventStore on(EventStorageEngine storageEngine, Builder builder, Duration fallback,
                                   List<EventAppendListener> appendListeners) {
        EventAvailability availability = new EventAvailability();
        builder.storageEngine(new AnnouncingStorageEngine(storageEngine, availability))
               .fetchDelay(fallback.toMillis());
        return new SignallingEventStore(builder, availability, appendListeners);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new AnnouncedEventStream(super.openStream(trackingToken), availability);
    }

    /** Events were committed by another connection: read them now rather than at the next fallback fetch. */
    public void fetchNow() {
        super.afterCommit(List.of());
    }

    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        super.prepareCommit(events);
        appendListeners.forEach(listener -> listener.appended(events));
    }
}
