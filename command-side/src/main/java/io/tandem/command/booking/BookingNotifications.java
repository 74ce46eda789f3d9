package io.tandem.command.booking;

import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationKind;
import io.tandem.command.notification.NotificationTriggers;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import static io.tandem.api.notification.NotificationCommands.notificationId;

/** Tells travellers what became of their bookings; never for replayed events ({@link SideEffect}). */
@Component
@SideEffect("sends notifications")
@ProcessingGroup(NotificationTriggers.PROCESSING_GROUP)
class BookingNotifications {

    private final CommandGateway commands;

    BookingNotifications(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(BookingConfirmedEvent event, EventMessage<?> message) {
        notify(message, event.userId(), NotificationKind.BOOKING_CONFIRMED, "Booking confirmed",
               "Your booking " + event.bookingNumber() + " is paid and confirmed.", event.bookingNumber());
    }

    @EventHandler
    void on(BookingExpiredEvent event, EventMessage<?> message) {
        notify(message, event.userId(), NotificationKind.BOOKING_EXPIRED, "Booking expired",
               "Your booking " + event.bookingNumber() + " was not paid in time and its seat was released.",
               event.bookingNumber());
    }

    @EventHandler
    void on(BookingCancelledEvent event, EventMessage<?> message) {
        if (event.refunded()) {
            notify(message, event.userId(), NotificationKind.REFUND_COMPLETED, "Refund completed",
                   "Your booking " + event.bookingNumber() + " was cancelled and your payment refunded.",
                   event.bookingNumber());
        } else {
            notify(message, event.userId(), NotificationKind.BOOKING_CANCELLED, "Booking cancelled",
                   "Your booking " + event.bookingNumber() + " was cancelled.", event.bookingNumber());
        }
    }

    private void notify(EventMessage<?> cause, String recipientId, NotificationKind kind, String title, String body,
                        String subjectId) {
        commands.sendAndWait(new SendNotificationCommand(notificationId(cause.getIdentifier(), recipientId),
                                                         recipientId, kind, title, body, subjectId));
    }
}
