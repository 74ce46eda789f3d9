package io.tandem.api.notification;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

public final class NotificationCommands {

    private NotificationCommands() {
    }

    /**
     * Tells one user about something. Sending the same id twice notifies once, so handlers that react to events
     * derive the id from the event and recipient with {@link #notificationId} and may be replayed safely.
     */
    public record SendNotificationCommand(@TargetAggregateIdentifier String notificationId, String recipientId,
                                          NotificationKind kind, String title, String body, String subjectId) {
    }

    public record MarkNotificationReadCommand(@TargetAggregateIdentifier String notificationId, String userId) {
    }

    /** Marks everything the user was sent up to {@code upTo} as read. */
    public record MarkAllNotificationsReadCommand(@TargetAggregateIdentifier String inboxId, String userId,
                                                  Instant upTo) {

        public MarkAllNotificationsReadCommand(String userId, Instant upTo) {
            this(inboxIdOf(userId), userId, upTo);
        }
    }

    /** Aggregate ids share one event store, so the inbox cannot reuse the id of the user's account. */
    public static String inboxIdOf(String userId) {
        return "notification-inbox-" + userId;
    }

    public static String notificationId(String sourceId, String recipientId) {
        return UUID.nameUUIDFromBytes((sourceId + "/" + recipientId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
