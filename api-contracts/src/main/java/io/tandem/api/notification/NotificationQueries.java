package io.tandem.api.notification;

import io.tandem.api.paging.PageRequest;

import java.time.Instant;
import java.util.List;

public final class NotificationQueries {

    private NotificationQueries() {
    }

    public enum NotificationOrder { NEWEST_FIRST, UNREAD_FIRST }

    public record ListNotificationsQuery(String userId, NotificationOrder order, PageRequest page) {
    }

    public record NotificationView(String id, NotificationKind kind, String title, String body, String subjectId,
                                   Instant sentAt, boolean read) {
    }

    public record NotificationPage(List<NotificationView> items, int size, String nextCursor, long unreadCount) {
    }
}
