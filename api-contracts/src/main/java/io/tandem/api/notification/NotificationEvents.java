package io.tandem.api.notification;

import java.time.Instant;

public final class NotificationEvents {

    private NotificationEvents() {
    }

    public record NotificationSentEvent(String notificationId, String recipientId, NotificationKind kind,
                                        String title, String body, String subjectId, Instant sentAt) {
    }

    public record NotificationReadEvent(String notificationId, String recipientId) {
    }

    public record AllNotificationsReadEvent(String userId, Instant upTo) {
    }
}
