package io.tandem.command.flight;

import io.tandem.api.flight.FlightCommands.ScheduleFlightCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Opens schedules of registered flights, copying route and seat map from the flight in the same unit of work, and
 * lists them with their flight ({@link ScheduleDirectory}).
 */
@Component
class FlightScheduling {

    private final Repository<Flight> flights;
    private final Repository<FlightSchedule> schedules;
    private final ScheduleDirectory directory;

    FlightScheduling(Repository<Flight> flights, Repository<FlightSchedule> schedules, ScheduleDirectory directory) {
        this.flights = flights;
        this.schedules = schedules;
        this.directory = directory;
    }

    @CommandHandler
    String handle(ScheduleFlightCommand command) throws Exception {
        Flight.FlightTemplate flight = flights.load(command.flightId()).invoke(Flight::template);
        schedules.newInstance(() -> FlightSchedule.schedule(command, flight));
        directory.register(command.scheduleId(), command.flightId());
        return command.scheduleId();
    }
}
