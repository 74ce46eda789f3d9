package io.tandem.command.flight;

import io.tandem.api.flight.FlightCommands.RegisterAirportCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Registers airports after claiming their code in the {@link AirportDirectory}, in one unit of work: a claim that
 * loses a race rolls the whole registration back.
 */
@Component
class AirportRegistration {

    private final AirportDirectory directory;
    private final Repository<Airport> airports;

    AirportRegistration(AirportDirectory directory, Repository<Airport> airports) {
        this.directory = directory;
        this.airports = airports;
    }

    @CommandHandler
    String handle(RegisterAirportCommand command) throws Exception {
        Airport.requireValid(command);
        directory.claim(command.code(), command.timeZone());
        airports.newInstance(() -> Airport.register(command));
        return command.code();
    }
}
