package io.tandem.api.chat;

import org.axonframework.commandhandling.RoutingKey;

import java.time.Instant;

public final class ChatCommands {

    private ChatCommands() {
    }

    public static final int MAX_TEXT_LENGTH = 2000;

    /**
     * A message to the sender's partner: text, a photo or video file id, or both. Routed by sender, so one user's
     * messages meet one node's rate limit whatever node the socket is on.
     */
    public record SendChatMessageCommand(@RoutingKey String senderId, String messageId, String text,
                                         String fileId) {
    }

    public record ChatMessageAccepted(String messageId, String coupleId, Instant sentAt) {
    }

    /** The reader has seen everything up to and including {@code messageId}. */
    public record MarkChatReadCommand(@RoutingKey String readerId, String messageId) {
    }

    public static String readMarkerId(String coupleId, String readerId) {
        return "chat-read-" + coupleId + "-" + readerId;
    }
}
