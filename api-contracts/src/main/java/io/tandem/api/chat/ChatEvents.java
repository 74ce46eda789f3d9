package io.tandem.api.chat;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.time.Instant;

public final class ChatEvents {

    private ChatEvents() {
    }

    /** The text is the sender's personal data: erasing the sender leaves the message without it. */
    public record ChatMessageSentEvent(String messageId, String coupleId, @DataSubject String senderId,
                                       String recipientId, @PersonalData String text, String fileId,
                                       Instant sentAt) {
    }

    public record ChatReadUpToEvent(String coupleId, String readerId, String messageId, Instant messageSentAt) {
    }
}
