package io.tandem.command.booking;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingCommands.PlaceBookingCommand;
import io.tandem.api.booking.BookingStatus;
import io.tandem.api.booking.PlacedBooking;
import io.tandem.command.flight.SeatHold;
import io.tandem.command.identity.AccountStanding;
import io.tandem.command.flight.SeatInventory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Holds the seat and opens the booking in one unit of work, so a booking never exists without its seat and a seat
 * is never held for a booking that was not stored. Only verified accounts book, each holding a few unpaid bookings
 * at most (security review H2).
 */
@Component
class BookingPlacement {

    private final SeatInventory seats;
    private final Repository<Booking> bookings;
    private final AccountStanding accounts;
    private final UnpaidBookings unpaid;

    BookingPlacement(SeatInventory seats, Repository<Booking> bookings, AccountStanding accounts,
                     UnpaidBookings unpaid) {
        this.seats = seats;
        this.bookings = bookings;
        this.accounts = accounts;
        this.unpaid = unpaid;
    }

    @CommandHandler
    PlacedBooking handle(PlaceBookingCommand command) throws Exception {
        if (!accounts.isVerified(command.userId())) {
            throw new RejectedException(Rejection.forbidden(
                    "email_not_verified",
                    "Confirm your account's email before booking (POST /api/user/email/verification)."));
        }
        unpaid.claim(command.userId(), command.bookingNumber(), command.expiresAt());
        SeatHold seat = seats.hold(command.scheduleId(), command.seatId(), command.bookingNumber());
        long amount = seats.price(seat);
        bookings.newInstance(() -> Booking.place(command, seat, amount));
        return new PlacedBooking(command.bookingNumber(), BookingStatus.PENDING_PAYMENT, amount,
                                 command.expiresAt());
    }
}
