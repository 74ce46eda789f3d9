package io.tandem.query.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;
import io.tandem.api.booking.SeatEvents.SeatReleasedEvent;
import io.tandem.api.booking.SeatEvents.SeatReservedEvent;
import io.tandem.api.booking.SeatEvents.SeatSoldEvent;
import io.tandem.api.flight.Cabin;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bookings read model and its REST API: statuses, ownership, paging, admin filters, seats and rebuilds. */
class BookingApiTest extends BookingTestSupport {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BookingProjection bookings;
    @Autowired
    OccupiedSeatsProjection occupiedSeats;

    @Test
    void aBookingFollowsItsEventsThroughEveryStatus() {
        String userId = UUID.randomUUID().toString();
        String number = bookingNumber();
        Instant departure = Instant.parse("2031-03-01T01:30:00Z");
        place(placed(number, userId, "TD101", departure, "12C", passenger("Traveller One", "01011112222")),
              Instant.parse("2026-11-01T09:00:00Z"));
        ApiClient owner = user(userId);

        JsonNode pending = awaitStatus(owner, number, "PENDING_PAYMENT");
        assertThat(pending.get("user_id").asText()).isEqualTo(userId);
        assertThat(pending.get("flight_number").asText()).isEqualTo("TD101");
        assertThat(pending.get("origin").asText()).isEqualTo("ICN");
        assertThat(pending.get("destination").asText()).isEqualTo("NRT");
        assertThat(pending.get("departure_at").asText()).isEqualTo("2031-03-01T01:30:00Z");
        assertThat(pending.get("seat_id").asText()).isEqualTo("12C");
        assertThat(pending.get("cabin").asText()).isEqualTo("ECONOMY");
        assertThat(pending.get("amount").asLong()).isEqualTo(250_000L);
        assertThat(pending.get("expires_at").asText()).isEqualTo("2030-01-01T00:15:00Z");
        assertThat(pending.get("created_at").asText()).isEqualTo("2026-11-01T09:00:00Z");
        assertThat(pending.get("refund_attempts").asInt()).isZero();
        assertThat(pending.has("receipt_id")).isFalse();
        JsonNode traveller = pending.get("passengers").get(0);
        assertThat(traveller.get("name").asText()).isEqualTo("Traveller One");
        assertThat(traveller.get("birth_date").asText()).isEqualTo("1995-03-14");
        assertThat(traveller.get("phone").asText()).isEqualTo("01011112222");

        booking(number, 1, new PaymentRecordedEvent(number, "receipt-" + number, 250_000L, "card"),
                new BookingConfirmedEvent(number, userId));
        JsonNode confirmed = awaitStatus(owner, number, "CONFIRMED");
        assertThat(confirmed.get("receipt_id").asText()).isEqualTo("receipt-" + number);

        booking(number, 3, new BookingCancellationRequestedEvent(number, userId, "receipt-" + number, 250_000L,
                                                                 number + "-refund", false, "plans changed"));
        awaitStatus(owner, number, "CANCELLATION_REQUESTED");

        booking(number, 4, new RefundFailedEvent(number, 1, "provider timeout"));
        JsonNode failed = awaitStatus(owner, number, "REFUND_FAILED");
        assertThat(failed.get("refund_attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("last_refund_error").asText()).isEqualTo("provider timeout");
        ApiResponse forAdmins = admin().get("/api/admin/bookings?status=refund_failed&flight_number=TD101");
        assertThat(bookingNumbers(ok(forAdmins))).contains(number);

        booking(number, 5, new RefundFailedEvent(number, 2, "card issuer refused"),
                new BookingRefundedEvent(number, number + "-refund", 250_000L));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode refunded = ok(owner.get("/api/bookings/" + number));
            assertThat(refunded.get("refund_attempts").asInt()).isEqualTo(2);
            assertThat(refunded.get("status").asText()).isEqualTo("CANCELLATION_REQUESTED");
        });

        booking(number, 7, new BookingCancelledEvent(number, userId, "s", "12C", true, "refunded"));
        JsonNode cancelled = awaitStatus(owner, number, "CANCELLED");
        assertThat(cancelled.get("last_refund_error").asText()).isEqualTo("card issuer refused");

        // a late copy of an earlier event (at-least-once delivery) does not move the booking back
        bookings.on(new BookingConfirmedEvent(number, userId), 2);
        bookings.on(new RefundFailedEvent(number, 1, "provider timeout"), 4);
        JsonNode unchanged = ok(owner.get("/api/bookings/" + number));
        assertThat(unchanged.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(unchanged.get("refund_attempts").asInt()).isEqualTo(2);
    }

    @Test
    void anUnpaidBookingExpires() {
        String userId = UUID.randomUUID().toString();
        String number = bookingNumber();
        place(placed(number, userId, "TD102", Instant.parse("2031-03-02T01:30:00Z"), "3A",
                     passenger("Traveller Two", "01022223333")), Instant.now());
        booking(number, 1, new BookingExpiredEvent(number, userId, "s", "3A"));
        JsonNode expired = awaitStatus(user(userId), number, "EXPIRED");
        assertThat(expired.has("receipt_id")).isFalse();
    }

    @Test
    void onlyTheOwnerSeesABookingAndMalformedNumbersAreNotFound() {
        String ownerId = UUID.randomUUID().toString();
        String number = bookingNumber();
        place(placed(number, ownerId, "TD103", Instant.parse("2031-03-03T01:30:00Z"), "4B",
                     passenger("Traveller Three", "01033334444")), Instant.now());
        ApiClient owner = user(ownerId);
        awaitStatus(owner, number, "PENDING_PAYMENT");

        ApiResponse stranger = user(UUID.randomUUID().toString()).get("/api/bookings/" + number);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.contentType()).isEqualTo("application/problem+json");
        assertThat(stranger.json().get("code").asText()).isEqualTo("booking_not_found");
        ApiResponse unknown = owner.get("/api/bookings/" + bookingNumber());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("booking_not_found");
        // nothing tells a stranger that the booking exists
        JsonNode strangerProblem = ((ObjectNode) stranger.json()).without("instance");
        JsonNode unknownProblem = ((ObjectNode) unknown.json()).without("instance");
        assertThat(strangerProblem).isEqualTo(unknownProblem);
        for (String malformed : List.of(number.toLowerCase(), number + "0", number.substring(0, 11),
                                        "XX" + number.substring(2), "TD-12345678", "TD123", "occupied-seats")) {
            assertThat(owner.get("/api/bookings/" + malformed).status()).as(malformed).isEqualTo(404);
            assertThat(admin().get("/api/admin/bookings/" + malformed).status()).as(malformed).isEqualTo(404);
        }
        assertThat(owner.get("/api/bookings/..%2F..%2Fetc").status()).isIn(400, 404);
        assertThat(anonymous.get("/api/bookings/" + number).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/bookings").status()).isEqualTo(401);

        JsonNode asAdmin = ok(admin().get("/api/admin/bookings/" + number));
        assertThat(asAdmin.get("user_id").asText()).isEqualTo(ownerId);
        assertThat(admin().get("/api/admin/bookings/" + bookingNumber()).status()).isEqualTo(404);
    }

    @Test
    void myBookingsAreNewestFirstAndPaged() {
        String userId = UUID.randomUUID().toString();
        Instant base = Instant.parse("2026-10-01T00:00:00Z");
        String oldest = bookingNumber();
        String middle = bookingNumber();
        String newest = bookingNumber();
        place(placed(middle, userId, "TD104", base.plus(30, ChronoUnit.DAYS), "1A", passenger("Mid", "010")),
              base.plusSeconds(60));
        place(placed(newest, userId, "TD104", base.plus(20, ChronoUnit.DAYS), "1B", passenger("New", "010")),
              base.plusSeconds(120));
        place(placed(oldest, userId, "TD104", base.plus(40, ChronoUnit.DAYS), "1C", passenger("Old", "010")),
              base);
        place(placed(bookingNumber(), UUID.randomUUID().toString(), "TD104", base.plus(40, ChronoUnit.DAYS), "1D",
                     passenger("Someone Else", "010")), base.plusSeconds(90));
        ApiClient me = user(userId);

        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(bookingNumbers(ok(me.get("/api/bookings")))).containsExactly(newest, middle, oldest));
        JsonNode first = ok(me.get("/api/bookings?page=0&size=2"));
        assertThat(bookingNumbers(first)).containsExactly(newest, middle);
        assertThat(first.get("total_elements").asLong()).isEqualTo(3);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(bookingNumbers(ok(me.get("/api/bookings?page=1&size=2")))).containsExactly(oldest);
        assertThat(bookingNumbers(ok(user(UUID.randomUUID().toString()).get("/api/bookings")))).isEmpty();

        ApiResponse tooBig = me.get("/api/bookings?size=101");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asText()).isEqualTo("size");
        assertThat(me.get("/api/bookings?size=0").status()).isEqualTo(400);
        assertThat(me.get("/api/bookings?page=-1").status()).isEqualTo(400);
        assertThat(me.get("/api/bookings?size=100").status()).isEqualTo(200);
    }

    @Test
    void occupiedSeatsFollowReservationsSalesAndReleases() {
        String scheduleId = UUID.randomUUID().toString();
        String bookingA = bookingNumber();
        String bookingB = bookingNumber();
        String bookingC = bookingNumber();
        String bookingD = bookingNumber();
        publish("FlightSchedule", scheduleId, 0,
                new SeatReservedEvent(scheduleId, "12A", Cabin.ECONOMY, bookingA),
                new SeatReservedEvent(scheduleId, "12B", Cabin.ECONOMY, bookingB),
                new SeatSoldEvent(scheduleId, "12A", Cabin.ECONOMY, bookingA),
                new SeatReservedEvent(scheduleId, "2A", Cabin.BUSINESS, bookingNumber()),
                new SeatReservedEvent(scheduleId, "10C", Cabin.ECONOMY, bookingD));
        ApiClient traveller = user(UUID.randomUUID().toString());
        String path = "/api/bookings/occupied-seats/" + scheduleId;
        awaitSeats(traveller, path, "2A", "10C", "12A", "12B");
        JsonNode seats = ok(traveller.get(path));
        assertThat(seats.get("schedule_id").asText()).isEqualTo(scheduleId);

        // B's hold ends; a release in the name of a booking that does not hold the seat frees nothing
        publish("FlightSchedule", scheduleId, 5,
                new SeatReleasedEvent(scheduleId, "12B", Cabin.ECONOMY, bookingB),
                new SeatReleasedEvent(scheduleId, "10C", Cabin.ECONOMY, bookingC));
        awaitSeats(traveller, path, "2A", "10C", "12A");
        // C takes 12B, then a late release in B's name must not free C's seat
        publish("FlightSchedule", scheduleId, 7,
                new SeatReservedEvent(scheduleId, "12B", Cabin.ECONOMY, bookingC),
                new SeatReleasedEvent(scheduleId, "12B", Cabin.ECONOMY, bookingB),
                new SeatSoldEvent(scheduleId, "12B", Cabin.ECONOMY, bookingC),
                new SeatReleasedEvent(scheduleId, "10C", Cabin.ECONOMY, bookingD));
        awaitSeats(traveller, path, "2A", "12A", "12B");
        assertThat(seatHolder(scheduleId, "12B")).isEqualTo(bookingC);

        // the same events delivered again change nothing
        occupiedSeats.on(new SeatReservedEvent(scheduleId, "12B", Cabin.ECONOMY, bookingB), 1);
        occupiedSeats.on(new SeatReservedEvent(scheduleId, "10C", Cabin.ECONOMY, bookingD), 4);
        occupiedSeats.on(new SeatReleasedEvent(scheduleId, "12A", Cabin.ECONOMY, bookingA), 2);
        occupiedSeats.on(new SeatReleasedEvent(scheduleId, "12B", Cabin.ECONOMY, bookingB), 8);
        assertThat(seatIds(ok(traveller.get(path)))).containsExactly("2A", "12A", "12B");
        assertThat(seatHolder(scheduleId, "12B")).isEqualTo(bookingC);

        // and so does delivering all of them again from the start
        awaitCaughtUp(OccupiedSeatsProjection.PROCESSING_GROUP);
        List<String> before = seatRows();
        StreamingEventProcessor processor = processor(OccupiedSeatsProjection.PROCESSING_GROUP);
        processor.shutDown();
        processor.resetTokens();
        assertThat(seatRows()).isEmpty();
        processor.start();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(seatRows()).isEqualTo(before));

        assertThat(seatIds(ok(traveller.get("/api/bookings/occupied-seats/" + UUID.randomUUID())))).isEmpty();
        assertThat(traveller.get("/api/bookings/occupied-seats/not*a*schedule").status()).isEqualTo(404);
        assertThat(anonymous.get(path).status()).isEqualTo(401);
    }

    @Test
    void adminsFilterByStatusFlightNumberAndDepartureDates() {
        String flight = flightNumber();
        String otherFlight = flightNumber();
        LocalDate day = LocalDate.of(2032, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        Instant first = day.atTime(23, 30).toInstant(ZoneOffset.UTC);
        Instant next = day.plusDays(1).atTime(0, 30).toInstant(ZoneOffset.UTC);
        String confirmedFirstDay = bookingNumber();
        String pendingNextDay = bookingNumber();
        String otherFlightFirstDay = bookingNumber();
        Instant placedAt = Instant.parse("2026-11-10T00:00:00Z");
        place(placed(confirmedFirstDay, UUID.randomUUID().toString(), flight, first, "5A", passenger("A", "010")),
              placedAt);
        booking(confirmedFirstDay, 1, new PaymentRecordedEvent(confirmedFirstDay, "r-1", 250_000L, "card"),
                new BookingConfirmedEvent(confirmedFirstDay, "u"));
        place(placed(pendingNextDay, UUID.randomUUID().toString(), flight, next, "5B", passenger("B", "010")),
              placedAt.plusSeconds(1));
        place(placed(otherFlightFirstDay, UUID.randomUUID().toString(), otherFlight, first, "5C",
                     passenger("C", "010")), placedAt.plusSeconds(2));
        ApiClient admin = admin();

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(bookingNumbers(ok(admin.get("/api/admin/bookings?from=" + day + "&to=" + day.plusDays(1)))))
                    .containsExactlyInAnyOrder(confirmedFirstDay, pendingNextDay, otherFlightFirstDay);
            assertThat(bookingNumbers(ok(admin.get("/api/admin/bookings?flight_number=" + flight
                                                   + "&status=CONFIRMED"))))
                    .containsExactly(confirmedFirstDay);
        });
        JsonNode flightPage = ok(admin.get("/api/admin/bookings?flight_number=" + flight.toLowerCase()));
        assertThat(bookingNumbers(flightPage)).containsExactly(pendingNextDay, confirmedFirstDay);
        assertThat(flightPage.get("total_elements").asLong()).isEqualTo(2);
        assertThat(bookingNumbers(ok(admin.get("/api/admin/bookings?status=pending_payment&flight_number=" + flight))))
                .containsExactly(pendingNextDay);
        assertThat(bookingNumbers(ok(admin.get("/api/admin/bookings?from=" + day + "&to=" + day))))
                .containsExactlyInAnyOrder(confirmedFirstDay, otherFlightFirstDay);
        assertThat(bookingNumbers(ok(admin.get("/api/admin/bookings?from=" + day.plusDays(1)
                                               + "&flight_number=" + flight))))
                .containsExactly(pendingNextDay);
        assertThat(bookingNumbers(ok(admin.get("/api/admin/bookings?to=" + day + "&flight_number=" + flight))))
                .containsExactly(confirmedFirstDay);
        assertThat(bookingNumbers(ok(admin.get("/api/admin/bookings?from=" + day + "&to=" + day
                                               + "&flight_number=" + otherFlight + "&status=PENDING_PAYMENT"))))
                .containsExactly(otherFlightFirstDay);
        assertThat(bookingNumbers(ok(admin.get("/api/admin/bookings?status=EXPIRED&flight_number=" + flight))))
                .isEmpty();
        JsonNode paged = ok(admin.get("/api/admin/bookings?flight_number=" + flight + "&page=1&size=1"));
        assertThat(bookingNumbers(paged)).containsExactly(confirmedFirstDay);
        assertThat(paged.get("total_elements").asLong()).isEqualTo(2);

        assertInvalid(admin.get("/api/admin/bookings?status=BOGUS"), "status");
        assertInvalid(admin.get("/api/admin/bookings?flight_number=no!"), "flight_number");
        assertInvalid(admin.get("/api/admin/bookings?from=yesterday"), "from");
        assertInvalid(admin.get("/api/admin/bookings?size=101"), "size");
        ApiResponse backwards = admin.get("/api/admin/bookings?from=" + day + "&to=" + day.minusDays(1));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("code").asText()).isEqualTo("invalid_range");
    }

    @Test
    void adminPathsRefuseUsers() {
        ApiClient user = user(UUID.randomUUID().toString());
        for (String path : List.of("/api/admin/bookings", "/api/admin/bookings?status=CONFIRMED",
                                   "/api/admin/bookings/search?q=kim", "/api/admin/bookings/" + bookingNumber())) {
            ApiResponse refused = user.get(path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void healthIsPublic() {
        ApiResponse health = anonymous.get("/api/bookings/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aRebuildFromEventsGivesTheSameBookingRows() {
        String userId = UUID.randomUUID().toString();
        String confirmed = bookingNumber();
        String refundFailed = bookingNumber();
        place(placed(confirmed, userId, "TD105", Instant.parse("2031-04-01T00:00:00Z"), "7A",
                     passenger("Rebuild One", "010-5555-1111"), passenger("Rebuild Infant", null)),
              Instant.parse("2026-11-02T00:00:00Z"));
        booking(confirmed, 1, new PaymentRecordedEvent(confirmed, "r-" + confirmed, 250_000L, "card"),
                new BookingConfirmedEvent(confirmed, userId));
        place(placed(refundFailed, userId, "TD105", Instant.parse("2031-04-01T00:00:00Z"), "7B",
                     passenger("Rebuild Two", "01055552222")), Instant.parse("2026-11-02T00:01:00Z"));
        booking(refundFailed, 1, new PaymentRecordedEvent(refundFailed, "r-" + refundFailed, 250_000L, "card"),
                new BookingConfirmedEvent(refundFailed, userId),
                new BookingCancellationRequestedEvent(refundFailed, userId, "r-" + refundFailed, 250_000L,
                                                      refundFailed + "-refund", true, "weather"),
                new RefundFailedEvent(refundFailed, 1, "timeout"));
        ApiClient owner = user(userId);
        awaitStatus(owner, confirmed, "CONFIRMED");
        awaitStatus(owner, refundFailed, "REFUND_FAILED");
        awaitCaughtUp(BookingProjection.PROCESSING_GROUP);
        List<String> before = bookingRows();

        StreamingEventProcessor processor = processor(BookingProjection.PROCESSING_GROUP);
        processor.shutDown();
        processor.resetTokens();
        assertThat(bookingRows()).isEmpty();
        processor.start();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(bookingRows()).isEqualTo(before));
        JsonNode rebuilt = ok(owner.get("/api/bookings/" + confirmed));
        assertThat(rebuilt.get("passengers")).hasSize(2);
        assertThat(rebuilt.get("passengers").get(1).has("phone")).isFalse();
    }

    @Test
    void everyBookingProjectionHasAPersistentDeadLetterQueue() {
        for (String group : List.of(BookingProjection.PROCESSING_GROUP, OccupiedSeatsProjection.PROCESSING_GROUP,
                                    BookingSearchProjection.PROCESSING_GROUP)) {
            assertThat(processing.deadLetterQueue(group))
                    .as(group).get().isInstanceOf(JdbcSequencedDeadLetterQueue.class);
        }
    }

    private JsonNode awaitStatus(ApiClient client, String number, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ok(client.get("/api/bookings/" + number)).get("status").asText()).isEqualTo(status));
        return ok(client.get("/api/bookings/" + number));
    }

    private void awaitSeats(ApiClient client, String path, String... seats) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(seatIds(ok(client.get(path))))
                .containsExactly(seats));
    }

    private static List<String> seatIds(JsonNode occupied) {
        return StreamSupport.stream(occupied.get("seat_ids").spliterator(), false).map(JsonNode::asText).toList();
    }

    private String seatHolder(String scheduleId, String seatId) {
        return jdbc.sql("SELECT booking_number FROM occupied_seat WHERE schedule_id = :s AND seat_id = :seat")
                   .param("s", scheduleId).param("seat", seatId).query(String.class).optional().orElse(null);
    }

    private List<String> seatRows() {
        return jdbc.sql("SELECT concat_ws('|', schedule_id, seat_id, booking_number, state, last_sequence) "
                        + "FROM occupied_seat ORDER BY schedule_id, seat_id").query(String.class).list();
    }

    private List<String> bookingRows() {
        return jdbc.sql("""
                        SELECT concat_ws('|', booking_number, user_id, status, schedule_id, flight_id, flight_number,
                                         origin, destination, departure_at, seat_id, cabin, passengers::text, amount,
                                         expires_at, receipt_id, refund_attempts, last_refund_error, created_at,
                                         last_sequence)
                        FROM booking ORDER BY booking_number
                        """).query(String.class).list();
    }

    private static void assertInvalid(ApiResponse response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }
}
