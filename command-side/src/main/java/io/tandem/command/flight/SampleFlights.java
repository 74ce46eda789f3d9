package io.tandem.command.flight;

import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightCommands.CreateDiscountCommand;
import io.tandem.api.flight.FlightCommands.CreatePromotionCommand;
import io.tandem.api.flight.FlightCommands.RegisterFlightCommand;
import io.tandem.api.flight.FlightCommands.ScheduleFlightCommand;
import io.tandem.command.flight.SampleTimetable.SampleFlight;
import io.tandem.platform.axon.Rejections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Opt-in sample data ({@code tandem.sample-data=true}): the flights of {@link SampleTimetable} with a departure every
 * day from today to {@value SampleTimetable#DAYS_AHEAD} days ahead, a discount and a promotion. They are created by
 * the commands an administrator's requests send, so they are events like any others and every read model shows them.
 * <p>
 * Each aggregate's id is derived from what it stands for (a flight number; a flight and a local date), and only those
 * the event store does not hold yet are created: a restart adds the days that came into range and nothing else.
 * Nodes starting together take turns under a PostgreSQL advisory lock, so the second finds everything there.
 */
@Component
@ConditionalOnProperty(name = "tandem.sample-data", havingValue = "true")
@Order(SampleFlights.ORDER)
class SampleFlights implements ApplicationRunner {

    /** After the airports it flies between are registered. */
    static final int ORDER = AirportCatalogue.ORDER + 1;

    private static final Logger log = LoggerFactory.getLogger(SampleFlights.class);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** "TandemSD" in ASCII: the advisory lock only sample data takes. */
    private static final long LOCK = 0x54616E64656D5344L;

    /** Flights are added in parallel; one flight's departures go one after the other, as each locks the flight. */
    private static final int THREADS = 4;

    /** What one run created. */
    record Added(int flights, int schedules, int discounts, int promotions) {

        Added plus(Added other) {
            return new Added(flights + other.flights, schedules + other.schedules, discounts + other.discounts,
                             promotions + other.promotions);
        }
    }

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final AirportDirectory airports;
    private final DataSource dataSource;

    SampleFlights(CommandGateway commands, EventStore eventStore, AirportDirectory airports, DataSource dataSource) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.airports = airports;
        this.dataSource = dataSource;
    }

    @Override
    public void run(ApplicationArguments args) {
        long startNanos = System.nanoTime();
        Added added = addMissing(LocalDate.now(SEOUL));
        log.info("Sample data (tandem.sample-data): {} flights, {} schedules, {} discount and {} promotion added in {}"
                 + " ms; what an earlier start added stays as it is", added.flights(), added.schedules(),
                 added.discounts(), added.promotions(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Creates what is missing of the sample data for departures from {@code firstDay} (a date in Seoul) on. */
    Added addMissing(LocalDate firstDay) {
        try (Connection connection = dataSource.getConnection()) {
            advisoryLock(connection, "pg_advisory_lock");
            try {
                return create(firstDay);
            } finally {
                advisoryLock(connection, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the sample data lock", e);
        }
    }

    private Added create(LocalDate firstDay) {
        Added added = new Added(0, 0, 0, 0);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Future<Added> flight : pool.invokeAll(SampleTimetable.FLIGHTS.stream()
                    .map(flight -> (Callable<Added>) () -> addMissing(flight, firstDay)).toList())) {
                added = added.plus(flight.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while adding the sample flights", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        String discountId = id("discount", SampleTimetable.DISCOUNT_NAME);
        boolean discount = createIfMissing(discountId, new CreateDiscountCommand(
                discountId, SampleTimetable.DISCOUNT_NAME, DiscountType.PERCENTAGE, SampleTimetable.DISCOUNT_PERCENT,
                firstDay, firstDay.plusDays(SampleTimetable.DAYS_AHEAD), SampleTimetable.DISCOUNT_ROUTES, List.of()));
        String promotionId = id("promotion", SampleTimetable.PROMOTION_TITLE);
        boolean promotion = createIfMissing(promotionId, new CreatePromotionCommand(
                promotionId, SampleTimetable.PROMOTION_TITLE, SampleTimetable.PROMOTION_DESCRIPTION,
                SampleTimetable.PROMOTION_ORIGIN, SampleTimetable.PROMOTION_DESTINATION, firstDay,
                firstDay.plusDays(SampleTimetable.PROMOTION_DAYS)));
        return added.plus(new Added(0, 0, discount ? 1 : 0, promotion ? 1 : 0));
    }

    private Added addMissing(SampleFlight flight, LocalDate firstDay) {
        String flightId = id("flight", flight.number());
        boolean registered = createIfMissing(flightId, new RegisterFlightCommand(
                flightId, flight.number(), flight.airline(), flight.origin(), flight.destination(), flight.seatMap()));
        return new Added(registered ? 1 : 0, scheduleMissingDays(flight, flightId, firstDay), 0, 0);
    }

    private int scheduleMissingDays(SampleFlight flight, String flightId, LocalDate firstDay) {
        ZoneId origin = airports.timeZoneOf(flight.origin()).orElseThrow(() -> new IllegalStateException(
                "Sample flight " + flight.number() + " leaves from " + flight.origin() + ", an unknown airport"));
        Instant now = Instant.now();
        int added = 0;
        for (int day = 0; day <= SampleTimetable.DAYS_AHEAD; day++) {
            LocalDate date = firstDay.plusDays(day);
            Instant departure = ZonedDateTime.of(date, flight.departure(), origin).toInstant();
            if (!departure.isAfter(now)) {
                continue;
            }
            String scheduleId = id("schedule", flight.number() + "/" + date);
            try {
                if (createIfMissing(scheduleId, new ScheduleFlightCommand(
                        scheduleId, flightId, departure, departure.plus(flight.blockTime()),
                        new EnumMap<>(flight.fares())))) {
                    added++;
                }
            } catch (RuntimeException failure) {
                if (!Rejections.isNotFound(failure)) {
                    throw failure;
                }
                log.info("Sample flight {} was removed by an administrator: it gets no new departures",
                         flight.number());
                break;
            }
        }
        return added;
    }

    private boolean createIfMissing(String aggregateId, Object command) {
        if (eventStore.lastSequenceNumberFor(aggregateId).isPresent()) {
            return false;
        }
        commands.sendAndWait(command);
        return true;
    }

    static String id(String kind, String name) {
        return UUID.nameUUIDFromBytes(("tandem-sample/" + kind + "/" + name).getBytes(StandardCharsets.UTF_8))
                   .toString();
    }

    private static void advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, LOCK);
            statement.execute();
        }
    }
}
