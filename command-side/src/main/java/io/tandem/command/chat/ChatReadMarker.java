package io.tandem.command.chat;

import io.tandem.api.chat.ChatEvents.ChatReadUpToEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static io.tandem.api.chat.ChatCommands.readMarkerId;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** How far one partner has read their couple's chat. Only moves forward. */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class ChatReadMarker {

    @AggregateIdentifier
    private String markerId;
    private Instant readUpTo;

    ChatReadMarker() {
        // required by Axon to rebuild the aggregate from its events, and by loadOrCreate for a first read
    }

    void markReadUpTo(String coupleId, String readerId, String messageId, Instant messageSentAt) {
        if (readUpTo == null || messageSentAt.isAfter(readUpTo)) {
            apply(new ChatReadUpToEvent(coupleId, readerId, messageId, messageSentAt));
        }
    }

    @EventSourcingHandler
    void on(ChatReadUpToEvent event) {
        markerId = readMarkerId(event.coupleId(), event.readerId());
        readUpTo = event.messageSentAt();
    }
}
