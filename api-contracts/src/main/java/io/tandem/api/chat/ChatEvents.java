package io.tandem.api.chat;

import java.time.Instant;

public final class ChatEvents {

    private ChatEvents() {
    }

    public record ChatMessageSentEvent(String messageId, String coupleId, String senderId, String recipientId,
                                       String text, String fileId, Instant sentAt) {
    }

    public record ChatReadUpToEvent(String coupleId, String readerId, String messageId, Instant messageSentAt) {
    }
}
