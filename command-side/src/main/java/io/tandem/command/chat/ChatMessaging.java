package io.tandem.command.chat;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.chat.ChatCommands.ChatMessageAccepted;
import io.tandem.api.chat.ChatCommands.MarkChatReadCommand;
import io.tandem.api.chat.ChatCommands.SendChatMessageCommand;
import io.tandem.api.chat.ChatEvents.ChatMessageSentEvent;
import io.tandem.command.couple.CoupleMembership;
import io.tandem.command.couple.CoupleMembership.Partnership;
import io.tandem.command.file.FileOwnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.tandem.api.chat.ChatCommands.MAX_TEXT_LENGTH;
import static io.tandem.api.chat.ChatCommands.readMarkerId;

/**
 * Sending and reading in a couple's chat. The room is the couple: whoever the sender is linked to receives, and a
 * user in no couple has no room.
 */
@Component
class ChatMessaging {

    private final CoupleMembership couples;
    private final FileOwnership files;
    private final ChatRateLimiter rateLimiter;
    private final Repository<ChatMessage> messages;
    private final Repository<ChatReadMarker> readMarkers;
    private final EventStore events;

    ChatMessaging(CoupleMembership couples, FileOwnership files, ChatRateLimiter rateLimiter,
                  Repository<ChatMessage> messages, Repository<ChatReadMarker> readMarkers, EventStore events) {
        this.couples = couples;
        this.files = files;
        this.rateLimiter = rateLimiter;
        this.messages = messages;
        this.readMarkers = readMarkers;
        this.events = events;
    }

    @CommandHandler
    ChatMessageAccepted handle(SendChatMessageCommand command) throws Exception {
        String text = command.text() == null || command.text().isBlank() ? null : command.text();
        if (text == null && command.fileId() == null) {
            throw new RejectedException(Rejection.invalid("empty_message", "Send text, a file id, or both."));
        }
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new RejectedException(Rejection.invalid(
                    "message_too_long", "A message holds at most " + MAX_TEXT_LENGTH + " characters."));
        }
        if (command.fileId() != null && !files.isMediaOf(command.senderId(), command.fileId())) {
            throw new RejectedException(Rejection.invalid(
                    "invalid_file", "file_id must name a photo or video you uploaded."));
        }
        Partnership partnership = couples.partnershipOf(command.senderId()).orElseThrow(ChatMessaging::notInCouple);
        String coupleId = partnership.coupleId();
        String recipientId = partnership.partnerId();
        rateLimiter.take(command.senderId());
        Instant sentAt = GenericEventMessage.clock.instant();
        messages.newInstance(() -> ChatMessage.send(new ChatMessageSentEvent(
                command.messageId(), coupleId, command.senderId(), recipientId, text, command.fileId(), sentAt)));
        return new ChatMessageAccepted(command.messageId(), coupleId, sentAt);
    }

    @CommandHandler
    void handle(MarkChatReadCommand command) throws Exception {
        String coupleId = coupleOf(command.readerId());
        ChatMessageSentEvent message = sentInRoom(command.messageId(), coupleId);
        readMarkers.loadOrCreate(readMarkerId(coupleId, command.readerId()), ChatReadMarker::new)
                   .execute(marker -> marker.markReadUpTo(coupleId, command.readerId(), message.messageId(),
                                                          message.sentAt()));
    }

    private String coupleOf(String userId) {
        return couples.coupleOf(userId).orElseThrow(ChatMessaging::notInCouple);
    }

    private static RejectedException notInCouple() {
        return new RejectedException(
                Rejection.notFound("not_in_couple", "Link with your partner first; the chat is the couple's."));
    }

    /** Read from the event stream, so an id of any other kind of aggregate is simply not a message here. */
    private ChatMessageSentEvent sentInRoom(String messageId, String coupleId) {
        DomainEventStream stream = events.readEvents(messageId);
        if (stream.hasNext() && stream.next().getPayload() instanceof ChatMessageSentEvent sent
            && sent.coupleId().equals(coupleId)) {
            return sent;
        }
        throw new RejectedException(Rejection.notFound("message_not_found", "No such message in your chat."));
    }
}
