package io.tandem.command.flight;

import io.tandem.api.flight.DiscountRule;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * What other features may do with a schedule's seats from inside their own command handler, so that holding a seat
 * and what depends on it are stored together or not at all.
 */
@Component
public class SeatInventory {

    private final Repository<FlightSchedule> schedules;
    private final PricingDiscounts discounts;
    private final AirportDirectory airports;

    SeatInventory(Repository<FlightSchedule> schedules, PricingDiscounts discounts, AirportDirectory airports) {
        this.schedules = schedules;
        this.discounts = discounts;
        this.airports = airports;
    }

    public SeatHold hold(String scheduleId, String seatId, String bookingNumber) {
        return schedules.load(scheduleId).invoke(schedule -> schedule.reserveSeat(seatId, bookingNumber));
    }

    /** The fare of the held seat's cabin after the best discount: what the booking costs, whatever a client says. */
    public long price(SeatHold seat) {
        LocalDate localDeparture = LocalDate.ofInstant(seat.departureAt(),
                                                       airports.timeZoneOf(seat.origin()).orElseThrow());
        return DiscountRule.bestFare(seat.baseFare(), discounts.all(),
                                     DiscountRule.route(seat.origin(), seat.destination()), seat.flightId(),
                                     localDeparture);
    }
}
