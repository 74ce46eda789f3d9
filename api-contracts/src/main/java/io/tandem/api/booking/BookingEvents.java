package io.tandem.api.booking;

import io.tandem.api.flight.Cabin;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.time.Instant;
import java.util.List;

public final class BookingEvents {

    private BookingEvents() {
    }

    /** Every event of a booking; {@link BookingStatus#after} says what each does to its status. */
    public sealed interface BookingEvent {

        String bookingNumber();
    }

    /**
     * The passengers are the booking user's personal data, stored as one encrypted value (the whole list), so they
     * read as null once the user is erased.
     */
    public record BookingPlacedEvent(String bookingNumber, @DataSubject String userId, String scheduleId,
                                     String flightId, String flightNumber, String origin, String destination,
                                     Instant departureAt, String seatId, Cabin cabin,
                                     @PersonalData List<Passenger> passengers, long amount, Instant expiresAt)
            implements BookingEvent {
    }

    public record PaymentRecordedEvent(String bookingNumber, String receiptId, long amount, String method)
            implements BookingEvent {
    }

    public record BookingConfirmedEvent(String bookingNumber, String userId) implements BookingEvent {
    }

    public record BookingExpiredEvent(String bookingNumber, String userId, String scheduleId, String seatId)
            implements BookingEvent {
    }

    /** A paid booking is to be cancelled: the money goes back first, under {@code cancelId} so it goes back once. */
    public record BookingCancellationRequestedEvent(String bookingNumber, String userId, String receiptId,
                                                    long refundAmount, String cancelId, boolean byAdmin,
                                                    String reason) implements BookingEvent {
    }

    public record BookingRefundedEvent(String bookingNumber, String cancelId, long refundedAmount)
            implements BookingEvent {
    }

    public record RefundFailedEvent(String bookingNumber, int attempt, String reason) implements BookingEvent {
    }

    public record BookingCancelledEvent(String bookingNumber, String userId, String scheduleId, String seatId,
                                        boolean refunded, String reason) implements BookingEvent {
    }
}
