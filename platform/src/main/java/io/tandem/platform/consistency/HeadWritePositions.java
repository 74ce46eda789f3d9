package io.tandem.platform.consistency;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * A write's position with events in Axon Server: the head of the store read after the write returned. Axon Server
 * has appended a command's events before the command's result comes back, and numbers events without gaps, so
 * the head is at or after the write's last event; waiting for it may also wait for events others committed in the
 * meantime, which the processors handle anyway before reaching ours. The sequences (aggregates) of the write's
 * events are noted as the event store takes them ({@link #sequenceRecorder()}), when the command ran on this node.
 */
final class HeadWritePositions implements WritePositions {

    private final EventStore eventStore;
    private final WriteTracker tracker;

    HeadWritePositions(EventStore eventStore, WriteTracker tracker) {
        this.eventStore = eventStore;
        this.tracker = tracker;
    }

    /** To register with the event store (not the event gateway): it sees every event a unit of work publishes. */
    MessageDispatchInterceptor<EventMessage<?>> sequenceRecorder() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                WriteScope write = tracker.writeOfCurrentWork();
                if (write != null) {
                    write.publishing(messages.stream().map(WriteTracker::sequenceId).collect(Collectors.toSet()));
                }
                return (index, event) -> event;
            }
        };
    }

    @Override
    public Optional<WritePosition> of(WriteScope write) {
        OptionalLong head = TokenPositions.index(eventStore.createHeadToken());
        return head.isPresent() ? Optional.of(WritePosition.ofWrite(head.getAsLong(), write.sequenceIds()))
                                : Optional.empty();
    }

    @Override
    public void forget(WriteScope write) {
        tracker.forget(write);
    }
}
