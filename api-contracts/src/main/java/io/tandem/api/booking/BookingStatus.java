package io.tandem.api.booking;

import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;

import java.util.Optional;

public enum BookingStatus {
    PENDING_PAYMENT, CONFIRMED, CANCELLATION_REQUESTED, REFUND_FAILED, CANCELLED, EXPIRED;

    /**
     * The status a booking has after {@code event}, or empty when the event leaves it as it was (a payment is
     * recorded before the booking is confirmed). The one mapping the Booking aggregate and every read model of
     * bookings follow, so a new event or status cannot be forgotten in one of them.
     */
    public static Optional<BookingStatus> after(BookingEvent event) {
        if (event instanceof BookingPlacedEvent) {
            return Optional.of(PENDING_PAYMENT);
        }
        if (event instanceof PaymentRecordedEvent) {
            return Optional.empty();
        }
        if (event instanceof BookingConfirmedEvent) {
            return Optional.of(CONFIRMED);
        }
        if (event instanceof BookingExpiredEvent) {
            return Optional.of(EXPIRED);
        }
        // the refund succeeded: the booking stays being cancelled until the cancellation completes
        if (event instanceof BookingCancellationRequestedEvent || event instanceof BookingRefundedEvent) {
            return Optional.of(CANCELLATION_REQUESTED);
        }
        if (event instanceof RefundFailedEvent) {
            return Optional.of(REFUND_FAILED);
        }
        if (event instanceof BookingCancelledEvent) {
            return Optional.of(CANCELLED);
        }
        throw new IllegalArgumentException("No status decided for " + event.getClass().getSimpleName());
    }
}
