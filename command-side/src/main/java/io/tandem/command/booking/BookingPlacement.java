package io.tandem.command.booking;

import io.tandem.api.booking.BookingCommands.PlaceBookingCommand;
import io.tandem.api.booking.BookingStatus;
import io.tandem.api.booking.PlacedBooking;
import io.tandem.command.flight.SeatHold;
import io.tandem.command.flight.SeatInventory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Holds the seat and opens the booking in one unit of work, so a booking never exists without its seat and a seat
 * is never held for a booking that was not stored.
 */
@Component
class BookingPlacement {

    private final SeatInventory seats;
    private final Repository<Booking> bookings;

    BookingPlacement(SeatInventory seats, Repository<Booking> bookings) {
        this.seats = seats;
        this.bookings = bookings;
    }

    @CommandHandler
    PlacedBooking handle(PlaceBookingCommand command) throws Exception {
        SeatHold seat = seats.hold(command.scheduleId(), command.seatId(), command.bookingNumber());
        long amount = seats.price(seat);
        bookings.newInstance(() -> Booking.place(command, seat, amount));
        return new PlacedBooking(command.bookingNumber(), BookingStatus.PENDING_PAYMENT, amount,
                                 command.expiresAt());
    }
}
