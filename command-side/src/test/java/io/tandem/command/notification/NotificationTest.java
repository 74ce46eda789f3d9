package io.tandem.command.notification;

import io.tandem.api.RejectedException;
import io.tandem.api.notification.NotificationCommands.MarkAllNotificationsReadCommand;
import io.tandem.api.notification.NotificationCommands.MarkNotificationReadCommand;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationEvents.AllNotificationsReadEvent;
import io.tandem.api.notification.NotificationEvents.NotificationReadEvent;
import io.tandem.api.notification.NotificationEvents.NotificationSentEvent;
import io.tandem.api.notification.NotificationKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.tandem.api.notification.NotificationCommands.notificationId;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationTest {

    private static final String ID = notificationId("event-1", "user-1");
    private static final NotificationSentEvent SENT = new NotificationSentEvent(
            ID, "user-1", NotificationKind.BOOKING_CONFIRMED, "Booking confirmed", "TD123 is confirmed", "TD123",
            Instant.parse("2026-11-22T00:00:00Z"));

    private final AggregateTestFixture<Notification> notifications = new AggregateTestFixture<>(Notification.class);
    private final AggregateTestFixture<NotificationInbox> inboxes =
            new AggregateTestFixture<>(NotificationInbox.class);

    @Test
    void aNotificationIsSentOnceHoweverOftenItsTriggerRuns() {
        SendNotificationCommand send = new SendNotificationCommand(ID, "user-1", NotificationKind.BOOKING_CONFIRMED,
                                                                   "Booking confirmed", "TD123 is confirmed",
                                                                   "TD123");
        notifications.givenCurrentTime(SENT.sentAt()).when(send).expectEvents(SENT);
        notifications.given(SENT).when(send).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void onlyTheRecipientReadsItAndOnlyOnce() {
        notifications.given(SENT)
                     .when(new MarkNotificationReadCommand(ID, "user-1"))
                     .expectEvents(new NotificationReadEvent(ID, "user-1"));
        notifications.given(SENT, new NotificationReadEvent(ID, "user-1"))
                     .when(new MarkNotificationReadCommand(ID, "user-1"))
                     .expectNoEvents();
        notifications.given(SENT)
                     .when(new MarkNotificationReadCommand(ID, "user-2"))
                     .expectException(RejectedException.class)
                     .expectExceptionMessage("No such notification.");
    }

    @Test
    void readAllKeepsTheLatestWatermark() {
        Instant first = Instant.parse("2026-11-22T10:00:00Z");
        Instant later = Instant.parse("2026-11-22T11:00:00Z");
        inboxes.givenNoPriorActivity()
               .when(new MarkAllNotificationsReadCommand("user-1", first))
               .expectEvents(new AllNotificationsReadEvent("user-1", first));
        inboxes.given(new AllNotificationsReadEvent("user-1", later))
               .when(new MarkAllNotificationsReadCommand("user-1", first))
               .expectNoEvents();
        inboxes.given(new AllNotificationsReadEvent("user-1", first))
               .when(new MarkAllNotificationsReadCommand("user-1", later))
               .expectEvents(new AllNotificationsReadEvent("user-1", later));
    }

    @Test
    void idsDependOnTheCauseAndTheRecipient() {
        assertThat(notificationId("event-1", "user-1")).isEqualTo(ID)
                                                       .isNotEqualTo(notificationId("event-1", "user-2"))
                                                       .isNotEqualTo(notificationId("event-2", "user-1"));
    }
}
