package io.tandem.api.booking;

import io.tandem.api.flight.Cabin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public final class BookingQueries {

    private BookingQueries() {
    }

    /** Null {@code userId}: any user's (admins). Unknown or someone else's booking: NOT_FOUND. */
    public record FindBookingQuery(String bookingNumber, String userId) {
    }

    public record ListMyBookingsQuery(String userId, int page, int size) {
    }

    /** Null filters match everything; dates are departure dates in UTC. */
    public record ListBookingsQuery(BookingStatus status, String flightNumber, LocalDate from, LocalDate to,
                                    int page, int size) {
    }

    public record SearchBookingsQuery(String text, int page, int size) {
    }

    public record OccupiedSeatsQuery(String scheduleId) {
    }

    public record BookingView(String bookingNumber, String userId, BookingStatus status, String scheduleId,
                              String flightNumber, String origin, String destination, Instant departureAt,
                              String seatId, Cabin cabin, List<Passenger> passengers, long amount,
                              Instant expiresAt, String receiptId, int refundAttempts, String lastRefundError,
                              Instant createdAt) {
    }

    public record BookingPage(List<BookingView> bookings, int page, int size, long totalElements) {
    }

    public record OccupiedSeats(String scheduleId, List<String> seatIds) {
    }
}
