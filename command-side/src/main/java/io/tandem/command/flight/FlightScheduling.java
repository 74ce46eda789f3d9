package io.tandem.command.flight;

import io.tandem.api.flight.FlightCommands.ScheduleFlightCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Opens schedules of registered flights, copying route and seat map from the flight in the same unit of work. */
@Component
class FlightScheduling {

    private final Repository<Flight> flights;
    private final Repository<FlightSchedule> schedules;

    FlightScheduling(Repository<Flight> flights, Repository<FlightSchedule> schedules) {
        this.flights = flights;
        this.schedules = schedules;
    }

    @CommandHandler
    String handle(ScheduleFlightCommand command) throws Exception {
        Flight.FlightTemplate flight = flights.load(command.flightId()).invoke(Flight::template);
        schedules.newInstance(() -> FlightSchedule.schedule(command, flight));
        return command.scheduleId();
    }
}
