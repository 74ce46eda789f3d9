package io.tandem.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Seat inventory commands, handled by the schedule that owns the seat. */
public final class SeatCommands {

    private SeatCommands() {
    }

    public record ConfirmSeatCommand(@TargetAggregateIdentifier String scheduleId, String seatId,
                                     String bookingNumber) {
    }

    public record ReleaseSeatCommand(@TargetAggregateIdentifier String scheduleId, String seatId,
                                     String bookingNumber) {
    }
}
