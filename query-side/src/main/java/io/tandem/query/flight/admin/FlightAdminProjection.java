package io.tandem.query.flight.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.SeatEvents.SeatReleasedEvent;
import io.tandem.api.booking.SeatEvents.SeatReservedEvent;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightAdminQueries.DiscountList;
import io.tandem.api.flight.FlightAdminQueries.DiscountView;
import io.tandem.api.flight.FlightAdminQueries.FlightPage;
import io.tandem.api.flight.FlightAdminQueries.FlightRoute;
import io.tandem.api.flight.FlightAdminQueries.FlightRouteQuery;
import io.tandem.api.flight.FlightAdminQueries.FlightSummary;
import io.tandem.api.flight.FlightAdminQueries.ListDiscountsQuery;
import io.tandem.api.flight.FlightAdminQueries.ListFlightsQuery;
import io.tandem.api.flight.FlightAdminQueries.ListSchedulesQuery;
import io.tandem.api.flight.FlightAdminQueries.SchedulePage;
import io.tandem.api.flight.FlightAdminQueries.ScheduleSummary;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.DiscountDeletedEvent;
import io.tandem.api.flight.FlightEvents.FlightRegisteredEvent;
import io.tandem.api.flight.FlightEvents.FlightRemovedEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.FlightEvents.ScheduleCancelledEvent;
import io.tandem.platform.jdbc.JsonColumns;
import io.tandem.platform.jdbc.OffsetPage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/** The admin catalogue: flights, schedules (with booked seats, for the removal rule) and discounts. */
@Component
@ProcessingGroup(ReadModels.FLIGHT_ADMIN)
class FlightAdminProjection {

    private static final TypeReference<Map<Cabin, Long>> FARES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    FlightAdminProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FlightRegisteredEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 INSERT INTO admin_flight (flight_id, flight_number, airline, origin, destination, aircraft,
                                           seat_count, status, registered_at)
                 VALUES (:flightId, :flightNumber, :airline, :origin, :destination, :aircraft, :seatCount,
                         'ACTIVE', :registeredAt)
                 ON CONFLICT (flight_id) DO NOTHING
                 """)
            .param("flightId", event.flightId())
            .param("flightNumber", event.flightNumber())
            .param("airline", event.airline())
            .param("origin", event.origin())
            .param("destination", event.destination())
            .param("aircraft", event.seatMap().aircraft())
            .param("seatCount", event.seatMap().seats().size())
            .param("registeredAt", utc(occurredAt))
            .update();
    }

    @EventHandler
    void on(FlightRemovedEvent event) {
        jdbc.sql("UPDATE admin_flight SET status = 'REMOVED' WHERE flight_id = :flightId")
            .param("flightId", event.flightId())
            .update();
    }

    @EventHandler
    void on(FlightScheduledEvent event) {
        jdbc.sql("""
                 INSERT INTO admin_schedule (schedule_id, flight_id, flight_number, origin, destination,
                                             departure_at, arrival_at, base_fares, total_seats, status)
                 VALUES (:scheduleId, :flightId, :flightNumber, :origin, :destination, :departureAt, :arrivalAt,
                         CAST(:baseFares AS JSONB), :totalSeats, 'SCHEDULED')
                 ON CONFLICT (schedule_id) DO NOTHING
                 """)
            .param("scheduleId", event.scheduleId())
            .param("flightId", event.flightId())
            .param("flightNumber", event.flightNumber())
            .param("origin", event.origin())
            .param("destination", event.destination())
            .param("departureAt", utc(event.departureAt()))
            .param("arrivalAt", utc(event.arrivalAt()))
            .param("baseFares", JsonColumns.write(event.baseFares()))
            .param("totalSeats", event.seatsPerCabin().values().stream().mapToInt(Integer::intValue).sum())
            .update();
    }

    @EventHandler
    void on(ScheduleCancelledEvent event) {
        jdbc.sql("UPDATE admin_schedule SET status = 'CANCELLED', cancel_reason = :reason WHERE schedule_id = :id")
            .param("reason", event.reason())
            .param("id", event.scheduleId())
            .update();
    }

    @EventHandler
    void on(SeatReservedEvent event) {
        changeBookedSeats(event.scheduleId(), 1);
    }

    @EventHandler
    void on(SeatReleasedEvent event) {
        changeBookedSeats(event.scheduleId(), -1);
    }

    /** Counts seats held or sold; applied once per event, as the change and the token commit together. */
    private void changeBookedSeats(String scheduleId, int delta) {
        jdbc.sql("UPDATE admin_schedule SET booked_seats = booked_seats + :delta WHERE schedule_id = :id")
            .param("delta", delta)
            .param("id", scheduleId)
            .update();
    }

    @EventHandler
    void on(DiscountCreatedEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 INSERT INTO admin_discount (discount_id, name, type, amount, valid_from, valid_to, routes,
                                             flight_ids, created_at)
                 VALUES (:discountId, :name, :type, :amount, :validFrom, :validTo, CAST(:routes AS JSONB),
                         CAST(:flightIds AS JSONB), :createdAt)
                 ON CONFLICT (discount_id) DO NOTHING
                 """)
            .param("discountId", event.discountId())
            .param("name", event.name())
            .param("type", event.type().name())
            .param("amount", event.amount())
            .param("validFrom", event.validFrom())
            .param("validTo", event.validTo())
            .param("routes", JsonColumns.write(event.routes()))
            .param("flightIds", JsonColumns.write(event.flightIds()))
            .param("createdAt", utc(occurredAt))
            .update();
    }

    @EventHandler
    void on(DiscountDeletedEvent event) {
        jdbc.sql("DELETE FROM admin_discount WHERE discount_id = :id").param("id", event.discountId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM admin_schedule").update();
        jdbc.sql("DELETE FROM admin_flight").update();
        jdbc.sql("DELETE FROM admin_discount").update();
    }

    @QueryHandler
    FlightPage handle(ListFlightsQuery query) {
        OffsetPage<FlightSummary> page = OffsetPage.read(jdbc, "FROM admin_flight", "registered_at DESC, flight_id",
                                                         FlightAdminProjection::flight, query.page(), query.size());
        return new FlightPage(page.items(), query.page(), query.size(), page.total());
    }

    @QueryHandler
    SchedulePage handle(ListSchedulesQuery query) {
        String where = """
                       WHERE (CAST(:flightId AS VARCHAR) IS NULL OR flight_id = :flightId)
                         AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)
                         AND (CAST(:from AS DATE) IS NULL
                              OR departure_at >= CAST(:from AS DATE)::timestamp AT TIME ZONE 'UTC')
                         AND (CAST(:to AS DATE) IS NULL
                              OR departure_at < (CAST(:to AS DATE) + 1)::timestamp AT TIME ZONE 'UTC')
                       """;
        OffsetPage<ScheduleSummary> page = OffsetPage.read(jdbc, "FROM admin_schedule " + where,
                                                           statement -> withFilters(statement, query),
                                                           "departure_at, schedule_id", SCHEDULE, query.page(),
                                                           query.size());
        return new SchedulePage(page.items(), query.page(), query.size(), page.total());
    }

    @QueryHandler
    FlightRoute handle(FlightRouteQuery query) {
        return jdbc.sql("""
                        SELECT flight_id, flight_number, origin, destination FROM admin_flight
                        WHERE flight_id = :id AND status = 'ACTIVE'
                        """)
                   .param("id", query.flightId())
                   .query((rs, row) -> new FlightRoute(rs.getString("flight_id"), rs.getString("flight_number"),
                                                       rs.getString("origin"), rs.getString("destination")))
                   .optional()
                   .orElseThrow(() -> new RejectedException(Rejection.notFound("flight_not_found",
                                                                               "No such flight.")));
    }

    @QueryHandler
    DiscountList handle(ListDiscountsQuery query) {
        return new DiscountList(jdbc.sql("SELECT * FROM admin_discount ORDER BY created_at DESC, discount_id")
                                    .query((rs, row) -> new DiscountView(
                                            rs.getString("discount_id"), rs.getString("name"),
                                            DiscountType.valueOf(rs.getString("type")), rs.getLong("amount"),
                                            rs.getObject("valid_from", java.time.LocalDate.class),
                                            rs.getObject("valid_to", java.time.LocalDate.class),
                                            JsonColumns.read(rs.getString("routes"), STRINGS),
                                            JsonColumns.read(rs.getString("flight_ids"), STRINGS),
                                            instant(rs, "created_at")))
                                    .list());
    }

    private static JdbcClient.StatementSpec withFilters(JdbcClient.StatementSpec statement, ListSchedulesQuery query) {
        return statement.param("flightId", query.flightId())
                        .param("status", query.status())
                        .param("from", query.from())
                        .param("to", query.to());
    }

    private static final RowMapper<ScheduleSummary> SCHEDULE = (rs, row) -> new ScheduleSummary(
            rs.getString("schedule_id"), rs.getString("flight_id"), rs.getString("flight_number"),
            rs.getString("origin"), rs.getString("destination"), instant(rs, "departure_at"),
            instant(rs, "arrival_at"), JsonColumns.read(rs.getString("base_fares"), FARES), rs.getInt("total_seats"),
            rs.getInt("booked_seats"), rs.getString("status"), rs.getString("cancel_reason"));

    private static FlightSummary flight(ResultSet rs, int row) throws SQLException {
        return new FlightSummary(rs.getString("flight_id"), rs.getString("flight_number"), rs.getString("airline"),
                                 rs.getString("origin"), rs.getString("destination"), rs.getString("aircraft"),
                                 rs.getInt("seat_count"), rs.getString("status"), instant(rs, "registered_at"));
    }
}
