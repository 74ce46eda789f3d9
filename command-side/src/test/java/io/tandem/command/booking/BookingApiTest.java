package io.tandem.command.booking;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.booking.BookingNumber;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.FlightCommands.CancelScheduleCommand;
import io.tandem.api.flight.FlightCommands.CreateDiscountCommand;
import io.tandem.api.flight.FlightCommands.RegisterFlightCommand;
import io.tandem.api.flight.FlightCommands.ScheduleFlightCommand;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.SeatMap;
import io.tandem.command.CommandSideApplication;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({CommandSideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class BookingApiTest {

    private static final SeatMap SMALL = new SeatMap("ATR72", List.of(
            new SeatMap.Section(Cabin.ECONOMY, 1, 10, "ABCD")));
    private static final Instant DEPARTURE = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;

    private ApiClient anonymous;
    private ApiClient traveller;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        traveller = anonymous.as(signedInUser());
    }

    private String signedInUser() {
        String email = "booking-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(anonymous, email, "secret123", "B");
        return anonymous.post("/api/auth/login", json(Map.of("username", email, "password", "secret123")))
                        .json().get("access_token").asText();
    }

    private String newSchedule() {
        String flightId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterFlightCommand(flightId, "7C101", "Jeju Air", "GMP", "CJU", SMALL));
        String scheduleId = UUID.randomUUID().toString();
        commands.sendAndWait(new ScheduleFlightCommand(scheduleId, flightId, DEPARTURE,
                                                       DEPARTURE.plus(70, ChronoUnit.MINUTES),
                                                       Map.of(Cabin.ECONOMY, 80_000L)));
        return scheduleId;
    }

    private static String booking(String scheduleId, String seatId) {
        return json(Map.of("schedule_id", scheduleId, "seat_id", seatId, "passengers", List.of(Map.of(
                "name", "김민지", "birth_date", "1995-03-01", "phone", "010-1234-5678"))));
    }

    @Test
    void aBookingHoldsTheSeatAtTheDiscountedFare() {
        String scheduleId = newSchedule();
        LocalDate departureDay = LocalDate.ofInstant(DEPARTURE, ZoneId.of("Asia/Seoul"));
        commands.sendAndWait(new CreateDiscountCommand(UUID.randomUUID().toString(), "Jeju", DiscountType.FIXED,
                                                       5_000, departureDay, departureDay, List.of("GMP-CJU"),
                                                       List.of()));
        await().until(() -> jdbc.sql("SELECT count(*) FROM pricing_discount").query(Long.class).single() > 0);

        ApiResponse placed = traveller.post("/api/bookings", booking(scheduleId, "3b"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode body = placed.json();
        assertThat(body.get("booking_number").asText()).matches(BookingNumber.PATTERN);
        assertThat(body.get("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(body.get("amount").asLong()).isEqualTo(75_000);
        assertThat(Instant.parse(body.get("expires_at").asText())).isAfter(Instant.now().plus(14, ChronoUnit.MINUTES));

        ApiResponse again = anonymous.as(signedInUser()).post("/api/bookings", booking(scheduleId, "3B"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("seat_taken");
    }

    @Test
    void fiftyTravellersRacingForOneSeatMakeExactlyOneBooking() throws Exception {
        String scheduleId = newSchedule();
        List<ApiClient> racers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            racers.add(anonymous.as(signedInUser()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> attempts = racers.stream()
                                                     .<Callable<Integer>>map(racer -> () -> racer.post(
                                                             "/api/bookings", booking(scheduleId, "7A")).status())
                                                     .toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id "
                            + "AND payloadtype LIKE '%SeatReservedEvent'")
                       .param("id", scheduleId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badBookingsAreRefusedClearly() {
        String scheduleId = newSchedule();
        assertThat(traveller.post("/api/bookings", booking(UUID.randomUUID().toString(), "1A")).status())
                .isEqualTo(404);
        ApiResponse noSeat = traveller.post("/api/bookings", booking(scheduleId, "99K"));
        assertThat(noSeat.status()).isEqualTo(404);
        assertThat(noSeat.json().get("code").asText()).isEqualTo("seat_not_found");
        ApiResponse noPassengers = traveller.post("/api/bookings", json(Map.of(
                "schedule_id", scheduleId, "seat_id", "1A", "passengers", List.of())));
        assertThat(noPassengers.status()).isEqualTo(400);
        assertThat(noPassengers.json().get("errors").get(0).get("field").asText()).isEqualTo("passengers");
        ApiResponse badBirthDate = traveller.post("/api/bookings", json(Map.of(
                "schedule_id", scheduleId, "seat_id", "1A", "passengers", List.of(Map.of(
                        "name", "Kim", "birth_date", "1995-02-30", "phone", "010-1234-5678")))));
        assertThat(badBirthDate.status()).isEqualTo(400);
        assertThat(badBirthDate.json().get("errors").get(0).get("field").asText())
                .isEqualTo("passengers[0].birth_date");
        ApiResponse badPhone = traveller.post("/api/bookings", json(Map.of(
                "schedule_id", scheduleId, "seat_id", "1A", "passengers", List.of(Map.of(
                        "name", "Kim", "birth_date", "1995-02-03", "phone", "call me")))));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(anonymous.post("/api/bookings", booking(scheduleId, "1A")).status()).isEqualTo(401);

        commands.sendAndWait(new CancelScheduleCommand(scheduleId, "weather"));
        ApiResponse cancelled = traveller.post("/api/bookings", booking(scheduleId, "1A"));
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat(cancelled.json().get("code").asText()).isEqualTo("schedule_cancelled");
    }

    @Test
    void anUnpaidBookingIsCancelledByItsOwnerOnly() {
        String scheduleId = newSchedule();
        String number = traveller.post("/api/bookings", booking(scheduleId, "2C")).json().get("booking_number")
                                 .asText();
        ApiClient stranger = anonymous.as(signedInUser());
        assertThat(stranger.post("/api/bookings/" + number + "/cancel", "{}").status()).isEqualTo(404);
        assertThat(stranger.post("/api/bookings/TD0000000000/cancel", "{}").status()).isEqualTo(404);
        assertThat(stranger.put("/api/admin/bookings/" + number + "/cancel", "{}").status()).isEqualTo(403);
        ApiResponse cancelled = traveller.post("/api/bookings/" + number + "/cancel", "{}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(traveller.post("/api/bookings/" + number + "/cancel", "{}").status()).isEqualTo(409);
    }

    /** Security review H2: one account cannot hold seats without limit; paying or cancelling frees its allowance. */
    @Test
    void aTravellerHoldsAtMostFourUnpaidBookings() {
        String scheduleId = newSchedule();
        List<String> numbers = new ArrayList<>();
        for (String seat : List.of("4A", "4B", "4C", "4D")) {
            ApiResponse placed = traveller.post("/api/bookings", booking(scheduleId, seat));
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            numbers.add(placed.json().get("booking_number").asText());
        }

        ApiResponse fifth = traveller.post("/api/bookings", booking(scheduleId, "5A"));
        assertThat(fifth.status()).as(fifth.toString()).isEqualTo(409);
        assertThat(fifth.contentType()).startsWith("application/problem+json");
        assertThat(fifth.json().get("code").asText()).isEqualTo("too_many_unpaid_bookings");
        assertThat(anonymous.as(signedInUser()).post("/api/bookings", booking(scheduleId, "5A")).status())
                .as("someone else still books").isEqualTo(201);

        assertThat(traveller.post("/api/bookings/" + numbers.get(0) + "/cancel", "{}").status()).isEqualTo(200);
        assertThat(traveller.post("/api/bookings", booking(scheduleId, "5B")).status())
                .as("a cancelled booking no longer counts").isEqualTo(201);
    }
}
