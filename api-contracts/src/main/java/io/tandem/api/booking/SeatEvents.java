package io.tandem.api.booking;

import io.tandem.api.flight.Cabin;

public final class SeatEvents {

    private SeatEvents() {
    }

    /** Held for a booking awaiting payment. */
    public record SeatReservedEvent(String scheduleId, String seatId, Cabin cabin, String bookingNumber) {
    }

    /** Paid for: the seat stays taken. */
    public record SeatSoldEvent(String scheduleId, String seatId, Cabin cabin, String bookingNumber) {
    }

    /** Free again, after an expiry, a failed payment or a cancellation. */
    public record SeatReleasedEvent(String scheduleId, String seatId, Cabin cabin, String bookingNumber) {
    }
}
