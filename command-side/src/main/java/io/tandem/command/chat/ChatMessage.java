package io.tandem.command.chat;

import io.tandem.api.chat.ChatEvents.ChatMessageSentEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One chat message, its own aggregate: sending costs the same in a room with a million messages as in a new one,
 * and the two partners never contend for a lock.
 */
@Aggregate
class ChatMessage {

    @AggregateIdentifier
    private String messageId;

    ChatMessage() {
        // required by Axon to rebuild the aggregate from its events
    }

    static ChatMessage send(ChatMessageSentEvent sent) {
        ChatMessage message = new ChatMessage();
        apply(sent);
        return message;
    }

    @EventSourcingHandler
    void on(ChatMessageSentEvent event) {
        messageId = event.messageId();
    }
}
