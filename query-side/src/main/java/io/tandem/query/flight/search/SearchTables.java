package io.tandem.query.flight.search;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountRule;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.api.flight.FlightSearchResults.Place;
import io.tandem.platform.jdbc.JsonColumns;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * The flight-search projection's own tables of airports and schedules (see
 * {@code V2026.11.22.0500__flight_search.sql}); discounts and promotions are in {@link PricingTables}. Every row
 * belongs to an index version ({@link SearchVersions}); the projection writes the version it is building (or the
 * live one), readers use the live one.
 */
@Component
class SearchTables {

    static final String SCHEDULED = "SCHEDULED";
    static final String CANCELLED = "CANCELLED";
    static final String REMOVED = "REMOVED";

    private static final TypeReference<Map<Cabin, Long>> FARES = new TypeReference<>() {
    };
    private static final TypeReference<Map<Cabin, Integer>> SEATS = new TypeReference<>() {
    };
    private static final RowMapper<AirportRow> AIRPORT = (rs, row) -> new AirportRow(
            rs.getString("code"), rs.getString("name_en"), rs.getString("name_ko"), rs.getString("city_en"),
            rs.getString("city_ko"), zone(rs.getString("time_zone")));
    private static final RowMapper<ScheduleRow> SCHEDULE = (rs, row) -> new ScheduleRow(
            rs.getString("schedule_id"), rs.getString("flight_id"), rs.getString("flight_number"),
            rs.getString("airline"), rs.getString("origin"), rs.getString("destination"), rs.getString("route"),
            instant(rs, "departure_at"), instant(rs, "arrival_at"), rs.getObject("departure_date", LocalDate.class),
            JsonColumns.read(rs.getString("base_fares"), FARES), JsonColumns.read(rs.getString("total_seats"), SEATS),
            JsonColumns.read(rs.getString("available_seats"), SEATS), rs.getString("status"));

    private final JdbcClient jdbc;

    SearchTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record AirportRow(String code, String nameEn, String nameKo, String cityEn, String cityKo, ZoneId zone) {

        Place toPlace() {
            return new Place(code, nameEn, nameKo, cityEn, cityKo);
        }
    }

    record ScheduleRow(String scheduleId, String flightId, String flightNumber, String airline, String origin,
                       String destination, String route, Instant departureAt, Instant arrivalAt,
                       LocalDate departureDate, Map<Cabin, Long> baseFares, Map<Cabin, Integer> totalSeats,
                       Map<Cabin, Integer> availableSeats, String status) {
    }

    // --- airports ---

    void upsertAirport(int version, AirportRegisteredEvent event) {
        jdbc.sql("""
                 INSERT INTO flight_search_airport (version, code, name_en, name_ko, city_en, city_ko, time_zone)
                 VALUES (:version, :code, :nameEn, :nameKo, :cityEn, :cityKo, :timeZone)
                 ON CONFLICT (version, code) DO UPDATE SET name_en = EXCLUDED.name_en, name_ko = EXCLUDED.name_ko,
                                                           city_en = EXCLUDED.city_en, city_ko = EXCLUDED.city_ko,
                                                           time_zone = EXCLUDED.time_zone
                 """)
            .param("version", version)
            .param("code", event.code())
            .param("nameEn", event.nameEn())
            .param("nameKo", event.nameKo())
            .param("cityEn", event.cityEn())
            .param("cityKo", event.cityKo())
            .param("timeZone", event.timeZone())
            .update();
    }

    Map<String, AirportRow> airports(int version) {
        return jdbc.sql("SELECT * FROM flight_search_airport WHERE version = :version")
                   .param("version", version)
                   .query(AIRPORT).list().stream()
                   .collect(Collectors.toMap(AirportRow::code, Function.identity()));
    }

    Map<String, AirportRow> airports(int version, Collection<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT * FROM flight_search_airport WHERE version = :version AND code IN (:codes)")
                   .param("version", version)
                   .param("codes", codes)
                   .query(AIRPORT).list().stream()
                   .collect(Collectors.toMap(AirportRow::code, Function.identity()));
    }

    // --- schedules ---

    /** Inserts a schedule unless it is there (a cancelled one stays cancelled when its event comes again). */
    void insertSchedule(int version, ScheduleRow row) {
        jdbc.sql("""
                 INSERT INTO flight_search_schedule (version, schedule_id, flight_id, flight_number, airline, origin,
                                                     destination, route, departure_at, arrival_at, departure_date,
                                                     base_fares, total_seats, available_seats, status)
                 VALUES (:version, :scheduleId, :flightId, :flightNumber, :airline, :origin, :destination, :route,
                         :departureAt, :arrivalAt, :departureDate, CAST(:baseFares AS jsonb),
                         CAST(:totalSeats AS jsonb), CAST(:availableSeats AS jsonb), :status)
                 ON CONFLICT (version, schedule_id) DO NOTHING
                 """)
            .param("version", version)
            .param("scheduleId", row.scheduleId())
            .param("flightId", row.flightId())
            .param("flightNumber", row.flightNumber())
            .param("airline", row.airline())
            .param("origin", row.origin())
            .param("destination", row.destination())
            .param("route", row.route())
            .param("departureAt", utc(row.departureAt()))
            .param("arrivalAt", utc(row.arrivalAt()))
            .param("departureDate", row.departureDate())
            .param("baseFares", JsonColumns.write(row.baseFares()))
            .param("totalSeats", JsonColumns.write(row.totalSeats()))
            .param("availableSeats", JsonColumns.write(row.availableSeats()))
            .param("status", row.status())
            .update();
    }

    /** @return whether the schedule was in the given status before */
    boolean changeStatus(int version, String scheduleId, String from, String to) {
        return jdbc.sql("""
                        UPDATE flight_search_schedule SET status = :to
                        WHERE version = :version AND schedule_id = :scheduleId AND status = :from
                        """)
                   .param("version", version)
                   .param("scheduleId", scheduleId)
                   .param("from", from)
                   .param("to", to)
                   .update() == 1;
    }

    /** Marks the flight's scheduled schedules removed and answers their ids. */
    List<String> removeFlight(int version, String flightId) {
        return jdbc.sql("""
                        UPDATE flight_search_schedule SET status = :removed
                        WHERE version = :version AND flight_id = :flightId AND status = :scheduled
                        RETURNING schedule_id
                        """)
                   .param("removed", REMOVED)
                   .param("version", version)
                   .param("flightId", flightId)
                   .param("scheduled", SCHEDULED)
                   .query(String.class).list();
    }

    /** Adds {@code delta} (negative to take seats) to one cabin's free seats, kept within 0 and the cabin's size. */
    boolean changeAvailableSeats(int version, String scheduleId, Cabin cabin, int delta) {
        return jdbc.sql("""
                        UPDATE flight_search_schedule
                        SET available_seats = jsonb_set(available_seats, ARRAY[CAST(:cabin AS text)],
                                to_jsonb(LEAST(GREATEST(COALESCE((available_seats ->> :cabin)::int, 0) + :delta, 0),
                                               COALESCE((total_seats ->> :cabin)::int, 0))))
                        WHERE version = :version AND schedule_id = :scheduleId AND total_seats -> :cabin IS NOT NULL
                        """)
                   .param("cabin", cabin.name())
                   .param("delta", delta)
                   .param("version", version)
                   .param("scheduleId", scheduleId)
                   .update() == 1;
    }

    Map<String, ScheduleRow> schedules(int version, Collection<String> scheduleIds) {
        if (scheduleIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT * FROM flight_search_schedule WHERE version = :version AND schedule_id IN (:ids)")
                   .param("version", version)
                   .param("ids", scheduleIds)
                   .query(SCHEDULE).list().stream()
                   .collect(Collectors.toMap(ScheduleRow::scheduleId, Function.identity()));
    }

    List<ScheduleRow> schedulesAt(int version, String airportCode) {
        return jdbc.sql("""
                        SELECT * FROM flight_search_schedule
                        WHERE version = :version AND (origin = :code OR destination = :code)
                        """)
                   .param("version", version)
                   .param("code", airportCode)
                   .query(SCHEDULE).list();
    }

    void setDepartureDate(int version, String scheduleId, LocalDate departureDate) {
        jdbc.sql("""
                 UPDATE flight_search_schedule SET departure_date = :date
                 WHERE version = :version AND schedule_id = :scheduleId
                 """)
            .param("date", departureDate)
            .param("version", version)
            .param("scheduleId", scheduleId)
            .update();
    }

    /** The scheduled schedules a discount applies to. */
    List<String> scheduledWithin(int version, DiscountRule discount) {
        boolean everywhere = discount.routes().isEmpty() && discount.flightIds().isEmpty();
        return jdbc.sql("""
                        SELECT schedule_id FROM flight_search_schedule
                        WHERE version = :version AND status = :scheduled
                          AND departure_date BETWEEN :from AND :to
                          AND (:everywhere OR route = ANY(:routes) OR flight_id = ANY(:flightIds))
                        """)
                   .param("version", version)
                   .param("scheduled", SCHEDULED)
                   .param("from", discount.validFrom())
                   .param("to", discount.validTo())
                   .param("everywhere", everywhere)
                   .param("routes", discount.routes().toArray(String[]::new))
                   .param("flightIds", discount.flightIds().toArray(String[]::new))
                   .query(String.class).list();
    }

    Optional<String> routeOfSchedule(int version, String scheduleId) {
        return jdbc.sql("SELECT route FROM flight_search_schedule WHERE version = :version AND schedule_id = :id")
                   .param("version", version)
                   .param("id", scheduleId)
                   .query(String.class).optional();
    }

    List<String> routesOfFlights(int version, Collection<String> flightIds) {
        if (flightIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT DISTINCT route FROM flight_search_schedule
                        WHERE version = :version AND flight_id IN (:flightIds)
                        """)
                   .param("version", version)
                   .param("flightIds", flightIds)
                   .query(String.class).list();
    }

    // --- helpers ---

    /** An airport's zone; an unknown zone name (never accepted by the command side) counts as UTC. */
    static ZoneId zone(String name) {
        try {
            return name == null ? ZoneOffset.UTC : ZoneId.of(name);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
