package io.tandem.platform.consistency;

import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Optional;
import java.util.Set;

/**
 * A write's position with events in Axon Server: the head of the store read after the write returned. Axon Server
 * has appended a command's events before the command's result comes back, and numbers events without gaps, so
 * the head is at or after the write's last event; waiting for it may also wait for events others committed in the
 * meantime, which the processors handle anyway before reaching ours. The command handler may have run on another
 * node, so the exact positions are not known here.
 */
final class HeadWritePositions implements WritePositions {

    private final EventStore eventStore;

    HeadWritePositions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<WritePosition> of(WriteScope write) {
        var head = TokenPositions.index(eventStore.createHeadToken());
        return head.isPresent() ? Optional.of(WritePosition.ofWrite(head.getAsLong(), Set.of())) : Optional.empty();
    }
}
