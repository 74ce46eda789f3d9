package io.tandem.command.flight;

import io.tandem.api.flight.Cabin;

import java.time.Instant;

/** A seat now held for a booking, with what the booking needs to know about its flight. */
public record SeatHold(String scheduleId, String flightId, String flightNumber, String origin, String destination,
                       Instant departureAt, String seatId, Cabin cabin, long baseFare) {
}
