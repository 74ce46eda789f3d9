package io.tandem.api.booking;

import java.time.Instant;

/** The answer to a {@link BookingCommands.PlaceBookingCommand}. */
public record PlacedBooking(String bookingNumber, BookingStatus status, long amount, Instant expiresAt) {
}
