package io.tandem.command.flight;

import io.tandem.api.flight.FlightCommands.RemoveFlightCommand;
import io.tandem.command.CommandSideApplication;
import io.tandem.command.flight.SampleFlights.Added;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in sample data on a real event store: two nodes adding it at once create each flight, departure, discount
 * and promotion once between them, and a later start adds only what came into range.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({CommandSideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class SampleFlightsTest {

    /** Years ahead, so the sample discount meets none of the departures other tests in this context book. */
    private static final LocalDate FIRST_DAY = LocalDate.now(ZoneId.of("Asia/Seoul")).plusYears(3);
    private static final int FLIGHTS = SampleTimetable.FLIGHTS.size();

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    AirportDirectory airports;
    @Autowired
    DataSource dataSource;

    private SampleFlights node() {
        return new SampleFlights(commands, eventStore, airports, dataSource);
    }

    @Test
    void nodesStartingTogetherCreateEverythingOnceAndALaterStartOnlyAddsNewDays() {
        CompletableFuture<Added> nodeA = CompletableFuture.supplyAsync(() -> node().addMissing(FIRST_DAY));
        CompletableFuture<Added> nodeB = CompletableFuture.supplyAsync(() -> node().addMissing(FIRST_DAY));
        Added a = nodeA.join();
        Added b = nodeB.join();

        int days = SampleTimetable.DAYS_AHEAD + 1;
        assertThat(a.flights() + b.flights()).isEqualTo(FLIGHTS);
        assertThat(a.schedules() + b.schedules()).isEqualTo(FLIGHTS * days);
        assertThat(a.discounts() + b.discounts()).isEqualTo(1);
        assertThat(a.promotions() + b.promotions()).isEqualTo(1);
        String firstDeparture = SampleFlights.id("schedule", "KE1203/" + FIRST_DAY);
        assertThat(eventStore.lastSequenceNumberFor(firstDeparture)).as("created once, never changed").contains(0L);

        assertThat(node().addMissing(FIRST_DAY)).as("a restart on the same day").isEqualTo(new Added(0, 0, 0, 0));
        assertThat(node().addMissing(FIRST_DAY.plusDays(1))).as("a restart the next day: one new day per flight")
                .isEqualTo(new Added(0, FLIGHTS, 0, 0));

        commands.sendAndWait(new RemoveFlightCommand(SampleFlights.id("flight", "KE1203")));
        assertThat(node().addMissing(FIRST_DAY.plusDays(2))).as("a flight an administrator removed stays removed")
                .isEqualTo(new Added(0, FLIGHTS - 1, 0, 0));
    }
}
