package io.tandem.query.notification;

import io.tandem.api.consistency.ReadModels;
import io.tandem.api.notification.NotificationEvents.AllNotificationsReadEvent;
import io.tandem.api.notification.NotificationEvents.NotificationReadEvent;
import io.tandem.api.notification.NotificationEvents.NotificationSentEvent;
import io.tandem.api.notification.NotificationKind;
import io.tandem.api.notification.NotificationQueries.ListNotificationsQuery;
import io.tandem.api.notification.NotificationQueries.NotificationOrder;
import io.tandem.api.notification.NotificationQueries.NotificationPage;
import io.tandem.api.notification.NotificationQueries.NotificationView;
import io.tandem.api.paging.Cursor;
import io.tandem.api.paging.PageRequest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Every user's notifications, newest first or unread first, paged by keyset so a long history costs the same to
 * page through at its end as at its start. Re-delivered events leave the rows as they were.
 */
@Component
@ProcessingGroup(NotificationProjection.PROCESSING_GROUP)
class NotificationProjection {

    static final String PROCESSING_GROUP = ReadModels.NOTIFICATIONS;

    private static final RowMapper<NotificationView> VIEW = (rs, row) -> new NotificationView(
            rs.getString("notification_id"), NotificationKind.valueOf(rs.getString("kind")), rs.getString("title"),
            rs.getString("body"), rs.getString("subject_id"),
            instant(rs, "sent_at"), rs.getObject("read_at") != null);

    private final JdbcClient jdbc;

    NotificationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NotificationSentEvent event) {
        jdbc.sql("""
                 INSERT INTO notification (notification_id, recipient_id, kind, title, body, subject_id, sent_at,
                                           read_at)
                 VALUES (:id, :recipientId, :kind, :title, :body, :subjectId, :sentAt,
                         (SELECT read_up_to FROM notification_inbox
                          WHERE user_id = :recipientId AND read_up_to >= :sentAt))
                 ON CONFLICT (notification_id) DO NOTHING
                 """)
            .param("id", event.notificationId())
            .param("recipientId", event.recipientId())
            .param("kind", event.kind().name())
            .param("title", event.title())
            .param("body", event.body())
            .param("subjectId", event.subjectId())
            .param("sentAt", utc(event.sentAt()))
            .update();
    }

    @EventHandler
    void on(NotificationReadEvent event, @Timestamp Instant readAt) {
        jdbc.sql("UPDATE notification SET read_at = :readAt WHERE notification_id = :id AND read_at IS NULL")
            .param("readAt", utc(readAt))
            .param("id", event.notificationId())
            .update();
    }

    @EventHandler
    void on(AllNotificationsReadEvent event) {
        jdbc.sql("""
                 INSERT INTO notification_inbox (user_id, read_up_to) VALUES (:userId, :upTo)
                 ON CONFLICT (user_id) DO UPDATE SET read_up_to = GREATEST(notification_inbox.read_up_to, :upTo)
                 """)
            .param("userId", event.userId())
            .param("upTo", utc(event.upTo()))
            .update();
        jdbc.sql("""
                 UPDATE notification SET read_at = :upTo
                 WHERE recipient_id = :userId AND read_at IS NULL AND sent_at <= :upTo
                 """)
            .param("userId", event.userId())
            .param("upTo", utc(event.upTo()))
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM notification").update();
        jdbc.sql("DELETE FROM notification_inbox").update();
    }

    @QueryHandler
    NotificationPage handle(ListNotificationsQuery query) {
        PageRequest page = query.page();
        boolean unreadFirst = query.order() == NotificationOrder.UNREAD_FIRST;
        Cursor after = page.after(unreadFirst ? 3 : 2);
        String readRank = "(CASE WHEN read_at IS NULL THEN 0 ELSE 1 END)";
        String order = unreadFirst ? readRank + ", sent_at DESC, notification_id DESC"
                                   : "sent_at DESC, notification_id DESC";
        String keyset = "";
        if (after != null) {
            keyset = unreadFirst
                     ? " AND (" + readRank + " > :rank OR (" + readRank + " = :rank"
                       + " AND (sent_at, notification_id) < (:sentAt, :id)))"
                     : " AND (sent_at, notification_id) < (:sentAt, :id)";
        }
        var statement = jdbc.sql("SELECT * FROM notification WHERE recipient_id = :userId" + keyset
                                 + " ORDER BY " + order + " LIMIT :limit")
                            .param("userId", query.userId())
                            .param("limit", page.probeSize());
        if (after != null) {
            int offset = unreadFirst ? 1 : 0;
            if (unreadFirst) {
                statement = statement.param("rank", after.number(0));
            }
            statement = statement.param("sentAt", utc(after.instant(offset)))
                                 .param("id", after.value(offset + 1));
        }
        List<NotificationView> rows = statement.query(VIEW).list();
        List<NotificationView> items = rows.subList(0, Math.min(rows.size(), page.size()));
        String next = null;
        if (rows.size() > page.size()) {
            NotificationView last = items.get(items.size() - 1);
            next = (unreadFirst ? Cursor.of(last.read() ? 1 : 0, last.sentAt(), last.id())
                                : Cursor.of(last.sentAt(), last.id())).encode();
        }
        long unread = jdbc.sql("SELECT count(*) FROM notification WHERE recipient_id = :userId AND read_at IS NULL")
                          .param("userId", query.userId())
                          .query(Long.class)
                          .single();
        return new NotificationPage(items, page.size(), next, unread);
    }

    /** What a user was sent after the given point of the stream, oldest first. */
    List<NotificationView> sentAfter(String userId, Instant sentAt, String notificationId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM notification
                        WHERE recipient_id = :userId AND (sent_at, notification_id) > (:sentAt, :id)
                        ORDER BY sent_at, notification_id LIMIT :limit
                        """)
                   .param("userId", userId)
                   .param("sentAt", utc(sentAt))
                   .param("id", notificationId)
                   .param("limit", limit)
                   .query(VIEW)
                   .list();
    }
}
