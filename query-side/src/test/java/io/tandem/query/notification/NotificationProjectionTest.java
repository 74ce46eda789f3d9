package io.tandem.query.notification;

import io.tandem.api.notification.NotificationEvents.AllNotificationsReadEvent;
import io.tandem.api.notification.NotificationEvents.NotificationReadEvent;
import io.tandem.api.notification.NotificationEvents.NotificationSentEvent;
import io.tandem.api.notification.NotificationKind;
import io.tandem.api.notification.NotificationQueries.ListNotificationsQuery;
import io.tandem.api.notification.NotificationQueries.NotificationOrder;
import io.tandem.api.notification.NotificationQueries.NotificationPage;
import io.tandem.api.notification.NotificationQueries.NotificationView;
import io.tandem.api.paging.PageRequest;
import io.tandem.platform.jdbc.JdbcTime;
import io.tandem.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The notification read model: events in, rows and query answers out, and a replay gives the same rows. */
class NotificationProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private final NotificationProjection projection = new NotificationProjection(JDBC);
    private final ProjectionHarness events = new ProjectionHarness(projection);
    private final String user = UUID.randomUUID().toString();
    private final List<String> ids = List.of(uuid(), uuid(), uuid(), uuid(), uuid());

    @BeforeEach
    void fiveNotificationsOneReadThenAllUpToTheThird() {
        for (int i = 1; i <= 5; i++) {
            events.publish(id(i), new NotificationSentEvent(
                    id(i), user, NotificationKind.BOOKING_CONFIRMED, "Booking " + i, "body " + i, "TD" + i,
                    T0.plusSeconds(60L * i)));
        }
        events.publish(id(5), new NotificationReadEvent(id(5), user));
        events.publish(user, new AllNotificationsReadEvent(user, T0.plusSeconds(180)));
    }

    @Test
    void readMarksLandOnTheRowsAndTheUnreadCount() {
        assertThat(rows()).extracting(row -> row.get("title") + ":" + (row.get("read_at") != null))
                          .containsExactlyInAnyOrder("Booking 1:true", "Booking 2:true", "Booking 3:true",
                                                     "Booking 4:false", "Booking 5:true");
        NotificationPage newest = list(NotificationOrder.NEWEST_FIRST, PageRequest.cursorOnly(null, 10));
        assertThat(newest.items()).extracting(NotificationView::id).containsExactly(id(5), id(4), id(3), id(2), id(1));
        assertThat(newest.unreadCount()).isEqualTo(1);
        assertThat(list(NotificationOrder.UNREAD_FIRST, PageRequest.cursorOnly(null, 10)).items())
                .extracting(NotificationView::id).containsExactly(id(4), id(5), id(3), id(2), id(1));
    }

    @Test
    void aNotificationSentBeforeTheInboxWasReadArrivesRead() {
        String late = uuid();
        events.publish(late, new NotificationSentEvent(late, user, NotificationKind.COMMENT_ADDED, "Late",
                                                       "sent earlier, delivered later", "post-1",
                                                       T0.plusSeconds(90)));

        assertThat(JDBC.sql("SELECT read_at IS NOT NULL FROM notification WHERE notification_id = :id")
                       .param("id", late).query(Boolean.class).single()).isTrue();
    }

    @Test
    void pagesFollowTheCursorInBothOrders() {
        for (NotificationOrder order : NotificationOrder.values()) {
            NotificationPage first = list(order, PageRequest.cursorOnly(null, 2));
            NotificationPage second = list(order, PageRequest.cursorOnly(first.nextCursor(), 2));
            NotificationPage third = list(order, PageRequest.cursorOnly(second.nextCursor(), 2));
            List<String> all = list(order, PageRequest.cursorOnly(null, 10)).items().stream()
                                                                               .map(NotificationView::id).toList();
            assertThat(third.nextCursor()).isNull();
            assertThat(List.of(first, second, third)).flatExtracting(NotificationPage::items)
                                                     .extracting(NotificationView::id)
                                                     .as(order.name()).containsExactlyElementsOf(all);
        }
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        List<Map<String, Object>> before = rows();

        events.redeliver(5);
        events.redeliver(0);
        assertThat(rows()).isEqualTo(before);

        events.replay();
        assertThat(rows()).isEqualTo(before);
        assertThat(JDBC.sql("SELECT read_up_to FROM notification_inbox WHERE user_id = :user")
                       .param("user", user).query((rs, row) -> JdbcTime.instant(rs, "read_up_to")).single())
                .isEqualTo(T0.plusSeconds(180));
    }

    private NotificationPage list(NotificationOrder order, PageRequest page) {
        return projection.handle(new ListNotificationsQuery(user, order, page));
    }

    private List<Map<String, Object>> rows() {
        return JDBC.sql("SELECT * FROM notification WHERE recipient_id = :user ORDER BY notification_id")
                   .param("user", user).query().listOfRows();
    }

    private String id(int number) {
        return ids.get(number - 1);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
