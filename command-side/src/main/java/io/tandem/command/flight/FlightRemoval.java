package io.tandem.command.flight;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.flight.FlightCommands.RemoveFlightCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Removes a flight and cancels its open schedules in one unit of work, deciding over the schedules' own aggregates:
 * refused while any seat on the flight is held or sold, and a schedule already cancelled or departed stays as it
 * is. Either the flight and all its cancellations are stored, or none.
 */
@Component
class FlightRemoval {

    static final String REASON = "flight removed";

    private final Repository<Flight> flights;
    private final Repository<FlightSchedule> schedules;
    private final ScheduleDirectory directory;

    FlightRemoval(Repository<Flight> flights, Repository<FlightSchedule> schedules, ScheduleDirectory directory) {
        this.flights = flights;
        this.schedules = schedules;
        this.directory = directory;
    }

    @CommandHandler
    void handle(RemoveFlightCommand command) {
        Aggregate<Flight> flight = flights.load(command.flightId());
        List<Aggregate<FlightSchedule>> departures = directory.schedulesOf(command.flightId()).stream()
                                                              .map(schedules::load)
                                                              .toList();
        long booked = departures.stream().mapToLong(schedule -> schedule.invoke(FlightSchedule::heldSeats)).sum();
        if (booked > 0) {
            throw new RejectedException(Rejection.conflict("flight_has_bookings",
                                                           "The flight has " + booked + " booked seats."));
        }
        flight.execute(Flight::remove);
        departures.forEach(schedule -> schedule.execute(open -> open.cancelWithFlight(REASON)));
    }
}
