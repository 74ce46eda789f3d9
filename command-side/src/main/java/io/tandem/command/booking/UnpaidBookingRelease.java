package io.tandem.command.booking;

import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A booking stops counting against its traveller's unpaid allowance once it is paid, cancelled or expired. A
 * subscribing processor: it runs in the unit of work that stores the event, so a traveller who cancels may book
 * again at once.
 */
@Component
@ProcessingGroup(UnpaidBookingRelease.PROCESSING_GROUP)
class UnpaidBookingRelease {

    static final String PROCESSING_GROUP = "unpaid-bookings";

    private final UnpaidBookings unpaid;

    UnpaidBookingRelease(UnpaidBookings unpaid) {
        this.unpaid = unpaid;
    }

    @EventHandler
    void on(PaymentRecordedEvent event) {
        unpaid.release(event.bookingNumber());
    }

    @EventHandler
    void on(BookingCancelledEvent event) {
        unpaid.release(event.bookingNumber());
    }

    @EventHandler
    void on(BookingExpiredEvent event) {
        unpaid.release(event.bookingNumber());
    }
}
