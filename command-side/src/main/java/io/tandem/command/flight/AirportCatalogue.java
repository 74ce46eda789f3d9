package io.tandem.command.flight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tandem.api.Rejection;
import io.tandem.api.flight.FlightCommands.RegisterAirportCommand;
import io.tandem.platform.axon.Rejections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The airports shipped in {@value #RESOURCE}, registered at start-up when the directory does not know them yet.
 * Running it again adds nothing, and when two nodes start together the one that loses the race for a code simply
 * leaves it to the other.
 */
@Component
@Order(AirportCatalogue.ORDER)
class AirportCatalogue implements ApplicationRunner {

    /** Before whatever start-up work needs the airports (sample flights). */
    static final int ORDER = 0;

    static final String RESOURCE = "reference/airports.json";

    private static final Logger log = LoggerFactory.getLogger(AirportCatalogue.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
                                                       .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                                                       .build();

    private final AirportDirectory directory;
    private final CommandGateway commands;

    AirportCatalogue(AirportDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<RegisterAirportCommand> shipped = shipped();
        int added = registerMissing(shipped);
        log.info("Airport catalogue: registered {} of the {} shipped airports", added, shipped.size());
    }

    /** Registers the airports the directory does not know and answers how many this node registered. */
    int registerMissing(List<RegisterAirportCommand> airports) {
        int added = 0;
        for (RegisterAirportCommand airport : airports) {
            if (directory.exists(airport.code())) {
                continue;
            }
            try {
                commands.sendAndWait(airport);
                added++;
            } catch (RuntimeException failure) {
                // another node registered it at the same moment
                if (!Rejections.of(failure).map(AirportCatalogue::isAlreadyRegistered).orElse(false)) {
                    throw failure;
                }
            }
        }
        return added;
    }

    static List<RegisterAirportCommand> shipped() {
        try (InputStream json = new ClassPathResource(RESOURCE).getInputStream()) {
            return List.of(JSON.readValue(json, RegisterAirportCommand[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    private static boolean isAlreadyRegistered(Rejection rejection) {
        return rejection.kind() == Rejection.Kind.CONFLICT && "airport_exists".equals(rejection.code());
    }
}
