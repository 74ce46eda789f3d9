package io.tandem.command.flight;

import io.tandem.api.RejectedException;
import io.tandem.api.booking.SeatEvents.SeatReservedEvent;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightCommands.CancelScheduleCommand;
import io.tandem.api.flight.FlightCommands.CreateDiscountCommand;
import io.tandem.api.flight.FlightCommands.DeleteDiscountCommand;
import io.tandem.api.flight.FlightCommands.RegisterFlightCommand;
import io.tandem.api.flight.FlightCommands.RemoveFlightCommand;
import io.tandem.api.flight.FlightCommands.ScheduleFlightCommand;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.DiscountDeletedEvent;
import io.tandem.api.flight.FlightEvents.FlightRegisteredEvent;
import io.tandem.api.flight.FlightEvents.FlightRemovedEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.FlightEvents.ScheduleCancelledEvent;
import io.tandem.api.flight.SeatMap;
import io.tandem.command.CommandTestDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlightCatalogueAggregatesTest {

    private static final SeatMap A321 = new SeatMap("A321", List.of(
            new SeatMap.Section(Cabin.BUSINESS, 1, 2, "ACDF"),
            new SeatMap.Section(Cabin.ECONOMY, 3, 30, "ABCDEF")));
    private static final FlightRegisteredEvent KE703 =
            new FlightRegisteredEvent("flight-1", "KE703", "Korean Air", "ICN", "NRT", A321);
    private static final Instant DEPARTURE = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    private static final Instant ARRIVAL = DEPARTURE.plus(150, ChronoUnit.MINUTES);
    private static final Map<Cabin, Long> FARES = Map.of(Cabin.BUSINESS, 900_000L, Cabin.ECONOMY, 250_000L);

    @Nested
    class Flights {

        private final AggregateTestFixture<Flight> fixture = new AggregateTestFixture<>(Flight.class);

        @Test
        void aFlightIsRegisteredWithItsSeatMap() {
            fixture.givenNoPriorActivity()
                   .when(new RegisterFlightCommand("flight-1", "KE703", "Korean Air", "ICN", "NRT", A321))
                   .expectEvents(KE703);
        }

        @Test
        void aRouteNeedsTwoAirportsAndASaneSeatMap() {
            fixture.givenNoPriorActivity()
                   .when(new RegisterFlightCommand("flight-1", "KE703", "Korean Air", "ICN", "ICN", A321))
                   .expectException(RejectedException.class);
            SeatMap overlapping = new SeatMap("A321", List.of(new SeatMap.Section(Cabin.BUSINESS, 1, 5, "AC"),
                                                              new SeatMap.Section(Cabin.ECONOMY, 5, 9, "ABC")));
            fixture.givenNoPriorActivity()
                   .when(new RegisterFlightCommand("flight-1", "KE703", "Korean Air", "ICN", "NRT", overlapping))
                   .expectNoEvents()
                   .expectExceptionMessage("seat_map row 5 is in two sections");
        }
    }

    @Nested
    class Schedules {

        private final AggregateTestFixture<FlightSchedule> fixture = new AggregateTestFixture<>(FlightSchedule.class);
        private final EmbeddedEventStore flightEvents =
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        private final ScheduleDirectory directory =
                new ScheduleDirectory(CommandTestDatabase.create(CommandTestDatabase.SCHEDULE_DIRECTORY));

        Schedules() {
            EventSourcingRepository<Flight> flights = EventSourcingRepository.builder(Flight.class)
                                                                             .eventStore(flightEvents)
                                                                             .build();
            fixture.registerAnnotatedCommandHandler(new FlightScheduling(flights, fixture.getRepository(),
                                                                         directory));
        }

        private void given(Object... flightHistory) {
            for (int i = 0; i < flightHistory.length; i++) {
                flightEvents.publish(new GenericDomainEventMessage<>("Flight", "flight-1", i, flightHistory[i]));
            }
        }

        @Test
        void aScheduleCopiesRouteAndSeatsFromItsFlight() {
            given(KE703);
            fixture.givenNoPriorActivity()
                   .when(new ScheduleFlightCommand("schedule-1", "flight-1", DEPARTURE, ARRIVAL, FARES))
                   .expectEvents(new FlightScheduledEvent("schedule-1", "flight-1", "KE703", "Korean Air", "ICN", "NRT",
                                                          DEPARTURE, ARRIVAL, FARES,
                                                          Map.of(Cabin.BUSINESS, 8, Cabin.ECONOMY, 168), A321));
            assertThat(directory.schedulesOf("flight-1")).containsExactly("schedule-1");
        }

        @Test
        void faresMustMatchTheCabinsAndTheFlightMustStillFly() {
            given(KE703);
            fixture.givenNoPriorActivity()
                   .when(new ScheduleFlightCommand("schedule-1", "flight-1", DEPARTURE, ARRIVAL,
                                                   Map.of(Cabin.ECONOMY, 250_000L)))
                   .expectNoEvents()
                   .expectException(RejectedException.class);
            given(KE703, new FlightRemovedEvent("flight-1"));
            fixture.givenNoPriorActivity()
                   .when(new ScheduleFlightCommand("schedule-2", "flight-1", DEPARTURE, ARRIVAL, FARES))
                   .expectNoEvents()
                   .expectException(RejectedException.class);
        }

        @Test
        void aScheduleIsCancelledOnceAndNeverAfterDeparture() {
            FlightScheduledEvent scheduled = new FlightScheduledEvent(
                    "schedule-1", "flight-1", "KE703", "Korean Air", "ICN", "NRT", DEPARTURE, ARRIVAL, FARES,
                    Map.of(Cabin.BUSINESS, 8, Cabin.ECONOMY, 168), A321);
            fixture.given(scheduled)
                   .when(new CancelScheduleCommand("schedule-1", "weather"))
                   .expectEvents(new ScheduleCancelledEvent("schedule-1", "flight-1", "weather"));
            fixture.given(scheduled, new ScheduleCancelledEvent("schedule-1", "flight-1", "weather"))
                   .when(new CancelScheduleCommand("schedule-1", "again"))
                   .expectException(RejectedException.class);
            Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
            fixture.given(new FlightScheduledEvent("schedule-1", "flight-1", "KE703", "Korean Air", "ICN", "NRT",
                                                   past, past.plusSeconds(3600), FARES,
                                                   Map.of(Cabin.BUSINESS, 8, Cabin.ECONOMY, 168), A321))
                   .when(new CancelScheduleCommand("schedule-1", "late"))
                   .expectNoEvents()
                   .expectExceptionMessage("The flight has already departed.");
        }
    }

    @Nested
    class Removals {

        private final FlightScheduledEvent scheduled = new FlightScheduledEvent(
                "schedule-1", "flight-1", "KE703", "Korean Air", "ICN", "NRT", DEPARTURE, ARRIVAL, FARES,
                Map.of(Cabin.BUSINESS, 8, Cabin.ECONOMY, 168), A321);
        private final AggregateTestFixture<FlightSchedule> fixture = new AggregateTestFixture<>(FlightSchedule.class);
        private final EmbeddedEventStore flightEvents =
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();

        Removals() {
            EventSourcingRepository<Flight> flights = EventSourcingRepository.builder(Flight.class)
                                                                             .eventStore(flightEvents)
                                                                             .build();
            ScheduleDirectory directory =
                    new ScheduleDirectory(CommandTestDatabase.create(CommandTestDatabase.SCHEDULE_DIRECTORY));
            directory.register("schedule-1", "flight-1");
            fixture.registerAnnotatedCommandHandler(new FlightRemoval(flights, fixture.getRepository(), directory));
        }

        private void flightHistory(Object... events) {
            for (int i = 0; i < events.length; i++) {
                flightEvents.publish(new GenericDomainEventMessage<>("Flight", "flight-1", i, events[i]));
            }
        }

        private List<Object> flightHistory() {
            return flightEvents.readEvents("flight-1").asStream().map(event -> (Object) event.getPayload()).toList();
        }

        @Test
        void removingAFlightCancelsItsOpenSchedulesInTheSameUnitOfWork() {
            flightHistory(KE703);
            fixture.given(scheduled)
                   .when(new RemoveFlightCommand("flight-1"))
                   .expectEvents(new ScheduleCancelledEvent("schedule-1", "flight-1", FlightRemoval.REASON));
            assertThat(flightHistory()).containsExactly(KE703, new FlightRemovedEvent("flight-1"));
        }

        @Test
        void aFlightWithABookedSeatStaysAndSoDoItsSchedules() {
            flightHistory(KE703);
            fixture.given(scheduled, new SeatReservedEvent("schedule-1", "12A", Cabin.ECONOMY, "TD23456789AB"))
                   .when(new RemoveFlightCommand("flight-1"))
                   .expectNoEvents()
                   .expectExceptionMessage("The flight has 1 booked seats.");
            assertThat(flightHistory()).containsExactly(KE703);
        }

        @Test
        void aCancelledScheduleIsLeftAsItIs() {
            flightHistory(KE703);
            fixture.given(scheduled, new ScheduleCancelledEvent("schedule-1", "flight-1", "weather"))
                   .when(new RemoveFlightCommand("flight-1"))
                   .expectNoEvents();
            assertThat(flightHistory()).containsExactly(KE703, new FlightRemovedEvent("flight-1"));
        }

        @Test
        void aDepartedScheduleIsLeftAsItIs() {
            flightHistory(KE703);
            Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
            fixture.given(new FlightScheduledEvent("schedule-1", "flight-1", "KE703", "Korean Air", "ICN", "NRT",
                                                   past, past.plusSeconds(3600), FARES,
                                                   Map.of(Cabin.BUSINESS, 8, Cabin.ECONOMY, 168), A321))
                   .when(new RemoveFlightCommand("flight-1"))
                   .expectNoEvents();
            assertThat(flightHistory()).containsExactly(KE703, new FlightRemovedEvent("flight-1"));
        }

        @Test
        void aRemovedFlightCannotBeRemovedAgain() {
            flightHistory(KE703, new FlightRemovedEvent("flight-1"));
            fixture.given(scheduled, new ScheduleCancelledEvent("schedule-1", "flight-1", FlightRemoval.REASON))
                   .when(new RemoveFlightCommand("flight-1"))
                   .expectNoEvents()
                   .expectException(RejectedException.class);
        }
    }

    @Nested
    class Discounts {

        private final AggregateTestFixture<Discount> fixture = new AggregateTestFixture<>(Discount.class);
        private final LocalDate from = LocalDate.of(2026, 12, 1);
        private final LocalDate to = LocalDate.of(2026, 12, 31);

        @Test
        void aDiscountIsCreatedAndDeletedOnce() {
            fixture.givenNoPriorActivity()
                   .when(new CreateDiscountCommand("d-1", "Winter", DiscountType.PERCENTAGE, 15, from, to,
                                                   List.of("ICN-NRT"), List.of()))
                   .expectEvents(new DiscountCreatedEvent("d-1", "Winter", DiscountType.PERCENTAGE, 15, from, to,
                                                          List.of("ICN-NRT"), List.of()));
            fixture.given(new DiscountCreatedEvent("d-1", "Winter", DiscountType.FIXED, 10_000, from, to, List.of(),
                                                   List.of()), new DiscountDeletedEvent("d-1"))
                   .when(new DeleteDiscountCommand("d-1"))
                   .expectException(RejectedException.class);
        }

        @Test
        void percentagesStayWithinAHundredAndPeriodsRunForward() {
            fixture.givenNoPriorActivity()
                   .when(new CreateDiscountCommand("d-1", "Too much", DiscountType.PERCENTAGE, 101, from, to,
                                                   List.of(), List.of()))
                   .expectException(RejectedException.class);
            fixture.givenNoPriorActivity()
                   .when(new CreateDiscountCommand("d-1", "Backwards", DiscountType.FIXED, 1000, to, from,
                                                   List.of(), List.of()))
                   .expectException(RejectedException.class);
        }
    }
}
