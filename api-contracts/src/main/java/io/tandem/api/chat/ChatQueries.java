package io.tandem.api.chat;

import io.tandem.api.paging.PageRequest;

import java.time.Instant;
import java.util.List;

public final class ChatQueries {

    private ChatQueries() {
    }

    public record ListChatMessagesQuery(String userId, PageRequest page) {
    }

    /** {@code read}: the recipient has read it (for the caller's own messages) or the caller has (for theirs). */
    public record ChatMessageView(String messageId, String senderId, String text, String fileId, Instant sentAt,
                                  boolean mine, boolean read) {
    }

    public record ChatReadState(String userId, String messageId, Instant messageSentAt) {
    }

    public record ChatHistory(List<ChatMessageView> items, int size, String nextCursor, ChatReadState myReadUpTo,
                              ChatReadState partnerReadUpTo) {
    }
}
