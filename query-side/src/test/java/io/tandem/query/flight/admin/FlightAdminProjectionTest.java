package io.tandem.query.flight.admin;

import io.tandem.api.RejectedException;
import io.tandem.api.booking.SeatEvents.SeatReleasedEvent;
import io.tandem.api.booking.SeatEvents.SeatReservedEvent;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightAdminQueries.DiscountView;
import io.tandem.api.flight.FlightAdminQueries.FlightRouteQuery;
import io.tandem.api.flight.FlightAdminQueries.FlightSummary;
import io.tandem.api.flight.FlightAdminQueries.ListDiscountsQuery;
import io.tandem.api.flight.FlightAdminQueries.ListFlightsQuery;
import io.tandem.api.flight.FlightAdminQueries.ListSchedulesQuery;
import io.tandem.api.flight.FlightAdminQueries.ScheduleSummary;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.DiscountDeletedEvent;
import io.tandem.api.flight.FlightEvents.FlightRegisteredEvent;
import io.tandem.api.flight.FlightEvents.FlightRemovedEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.FlightEvents.ScheduleCancelledEvent;
import io.tandem.api.flight.SeatMap;
import io.tandem.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin catalogue, written and read by {@link FlightAdminProjection}: events in, rows and query answers out, and
 * a replay gives the same rows.
 */
class FlightAdminProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();
    private static final SeatMap ATR72 = new SeatMap("ATR72", List.of(
            new SeatMap.Section(Cabin.BUSINESS, 1, 2, "AC"),
            new SeatMap.Section(Cabin.ECONOMY, 3, 10, "ABCD")));
    /** Gives each test days of its own, so the schedule filters see only its own flights. */
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final FlightAdminProjection projection = new FlightAdminProjection(JDBC);
    private final ProjectionHarness events = new ProjectionHarness(projection);
    private final String flight = UUID.randomUUID().toString();
    private final String morning = UUID.randomUUID().toString();
    private final String evening = UUID.randomUUID().toString();
    private final LocalDate day = LocalDate.of(2027, 1, 1).plusDays(2L * TESTS.getAndIncrement());
    private Instant registeredAt;

    @BeforeEach
    void aFlightWithTwoSchedulesOnADay() {
        events.publish(flight, new FlightRegisteredEvent(flight, "TD101", "Tandem Air", "GMP", "CJU", ATR72));
        registeredAt = events.lastTimestamp();
        events.publish(morning, scheduled(morning, at(day, "07:00:00"), at(day, "08:10:00")));
        events.publish(evening, scheduled(evening, at(day, "22:30:00"), at(day.plusDays(1), "00:40:00")));
    }

    @Test
    void aRegisteredFlightIsListedAndAnswersForItsRouteUntilItIsRemoved() {
        assertThat(flightRow()).satisfies(summary -> {
            assertThat(summary.flightNumber()).isEqualTo("TD101");
            assertThat(summary.airline()).isEqualTo("Tandem Air");
            assertThat(summary.aircraft()).isEqualTo("ATR72");
            assertThat(summary.seatCount()).isEqualTo(2 * 2 + 8 * 4);
            assertThat(summary.status()).isEqualTo("ACTIVE");
            assertThat(summary.registeredAt()).isEqualTo(registeredAt);
        });
        assertThat(projection.handle(new FlightRouteQuery(flight)))
                .satisfies(route -> {
                    assertThat(route.flightNumber()).isEqualTo("TD101");
                    assertThat(route.origin()).isEqualTo("GMP");
                    assertThat(route.destination()).isEqualTo("CJU");
                });

        events.publish(flight, new FlightRemovedEvent(flight));

        assertThat(flightRow().status()).isEqualTo("REMOVED");
        assertThatThrownBy(() -> projection.handle(new FlightRouteQuery(flight)))
                .isInstanceOfSatisfying(RejectedException.class,
                                        e -> assertThat(e.rejection().code()).isEqualTo("flight_not_found"));
    }

    @Test
    void schedulesCountHeldSeatsAndAreFilteredByFlightDayAndStatus() {
        events.publish(morning, new SeatReservedEvent(morning, "3A", Cabin.ECONOMY, "TD23456789AB"));
        events.publish(morning, new SeatReservedEvent(morning, "3B", Cabin.ECONOMY, "TD23456789AB"));
        events.publish(morning, new SeatReleasedEvent(morning, "3B", Cabin.ECONOMY, "TD23456789AB"));
        events.publish(evening, new ScheduleCancelledEvent(evening, flight, "weather"));

        List<ScheduleSummary> onTheDay = schedules(null, day, day, null);
        assertThat(onTheDay).extracting(ScheduleSummary::scheduleId).containsExactly(morning, evening);
        assertThat(onTheDay.get(0)).satisfies(schedule -> {
            assertThat(schedule.departureAt()).isEqualTo(at(day, "07:00:00"));
            assertThat(schedule.arrivalAt()).isEqualTo(at(day, "08:10:00"));
            assertThat(schedule.baseFares()).isEqualTo(Map.of(Cabin.BUSINESS, 300_000L, Cabin.ECONOMY, 90_000L));
            assertThat(schedule.totalSeats()).isEqualTo(36);
            assertThat(schedule.bookedSeats()).isEqualTo(1);
            assertThat(schedule.status()).isEqualTo("SCHEDULED");
        });
        assertThat(onTheDay.get(1).status()).isEqualTo("CANCELLED");
        assertThat(onTheDay.get(1).cancelReason()).isEqualTo("weather");

        assertThat(schedules(flight, null, null, "CANCELLED")).extracting(ScheduleSummary::scheduleId)
                                                               .containsExactly(evening);
        assertThat(schedules(flight, null, null, null)).hasSize(2);
        assertThat(schedules(flight, day.plusDays(1), null, null)).as("days are UTC days of departure").isEmpty();
        assertThat(schedules(flight, null, day.minusDays(1), null)).isEmpty();
    }

    @Test
    void discountsAreListedNewestFirstUntilDeleted() {
        String older = UUID.randomUUID().toString();
        String newer = UUID.randomUUID().toString();
        events.publish(older, new DiscountCreatedEvent(older, "Spring sale", DiscountType.PERCENTAGE, 10,
                                                       day, day.plusDays(30), List.of("GMP-CJU"), List.of()));
        events.publish(newer, new DiscountCreatedEvent(newer, "TD101 special", DiscountType.FIXED, 5_000,
                                                       day, day.plusDays(7), List.of(), List.of(flight)));

        assertThat(discounts(older, newer)).extracting(DiscountView::discountId).containsExactly(newer, older);
        assertThat(discounts(older, newer).get(1)).satisfies(discount -> {
            assertThat(discount.name()).isEqualTo("Spring sale");
            assertThat(discount.type()).isEqualTo(DiscountType.PERCENTAGE);
            assertThat(discount.amount()).isEqualTo(10);
            assertThat(discount.validFrom()).isEqualTo(day);
            assertThat(discount.validTo()).isEqualTo(day.plusDays(30));
            assertThat(discount.routes()).containsExactly("GMP-CJU");
            assertThat(discount.flightIds()).isEmpty();
        });

        events.publish(older, new DiscountDeletedEvent(older));

        assertThat(discounts(older, newer)).extracting(DiscountView::discountId).containsExactly(newer);
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRows() {
        String discount = UUID.randomUUID().toString();
        events.publish(morning, new SeatReservedEvent(morning, "3A", Cabin.ECONOMY, "TD23456789AB"));
        events.publish(evening, new ScheduleCancelledEvent(evening, flight, "weather"));
        events.publish(discount, new DiscountCreatedEvent(discount, "Sale", DiscountType.FIXED, 1_000, day, day,
                                                          List.of(), List.of()));
        events.publish(flight, new FlightRemovedEvent(flight));
        List<Map<String, Object>> rows = rows(discount);

        // Not the seat events: a seat count changes once per event, committed together with the processor's token.
        for (int index : new int[]{0, 1, 4, 5, 6}) {
            events.redeliver(index);
        }
        assertThat(rows(discount)).isEqualTo(rows);
        events.replay();
        assertThat(rows(discount)).isEqualTo(rows);
    }

    private FlightScheduledEvent scheduled(String scheduleId, Instant departure, Instant arrival) {
        return new FlightScheduledEvent(scheduleId, flight, "TD101", "Tandem Air", "GMP", "CJU", departure, arrival,
                                        Map.of(Cabin.BUSINESS, 300_000L, Cabin.ECONOMY, 90_000L),
                                        Map.of(Cabin.BUSINESS, 4, Cabin.ECONOMY, 32), ATR72);
    }

    private static Instant at(LocalDate day, String utcTime) {
        return Instant.parse(day + "T" + utcTime + "Z");
    }

    private FlightSummary flightRow() {
        return projection.handle(new ListFlightsQuery(0, 1_000)).flights().stream()
                         .filter(summary -> summary.flightId().equals(flight)).findFirst().orElseThrow();
    }

    private List<ScheduleSummary> schedules(String flightId, LocalDate from, LocalDate to, String status) {
        return projection.handle(new ListSchedulesQuery(flightId, from, to, status, 0, 1_000)).schedules();
    }

    private List<DiscountView> discounts(String... ids) {
        return projection.handle(new ListDiscountsQuery()).discounts().stream()
                         .filter(discount -> List.of(ids).contains(discount.discountId())).toList();
    }

    /** Every row the test wrote, table by table. */
    private List<Map<String, Object>> rows(String discount) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(JDBC.sql("SELECT * FROM admin_flight WHERE flight_id = :id").param("id", flight).query()
                        .listOfRows());
        rows.addAll(JDBC.sql("SELECT * FROM admin_schedule WHERE flight_id = :id ORDER BY schedule_id")
                        .param("id", flight).query().listOfRows());
        rows.addAll(JDBC.sql("SELECT * FROM admin_discount WHERE discount_id = :id").param("id", discount).query()
                        .listOfRows());
        return rows;
    }
}
