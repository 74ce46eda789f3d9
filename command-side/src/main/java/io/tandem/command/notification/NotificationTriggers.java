package io.tandem.command.notification;

/**
 * The processing group of every event handler, in any feature, that turns what happened into notifications. They
 * share one processor so its dead-letter queue and replay status tell the whole story of notification delivery.
 */
public final class NotificationTriggers {

    public static final String PROCESSING_GROUP = "notification-triggers";

    private NotificationTriggers() {
    }
}
