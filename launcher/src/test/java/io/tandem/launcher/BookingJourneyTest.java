package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Booking to payment to confirmation over HTTP, with every side in one JVM and Bootpay on loopback: the saga
 * confirms a paid booking, expires an unpaid one and frees its seat, and refunds a cancelled one exactly once,
 * retrying a refund that failed.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class BookingJourneyTest {

    private static final BootpayLoopbackServer BOOTPAY = AllInOneTestServers.BOOTPAY;
    private static final LocalDate TRAVEL_DATE = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(10);

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private ApiClient admin;
    private ApiClient traveller;
    private String scheduleId;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = anonymous.as(token("admin@tandem.test", "admin-pass-1"));
        String email = "journey-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(anonymous, email, "secret123", "J");
        traveller = anonymous.as(token(email, "secret123"));
        ApiResponse created = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", Map.of("flight_number", "7C" + (100 + (int) (Math.random() * 800)), "airline", "Jeju Air",
                                 "origin", "GMP", "destination", "CJU",
                                 "seat_map", Map.of("aircraft", "B737", "sections", List.of(
                                         Map.of("cabin", "ECONOMY", "from_row", 1, "to_row", 5, "letters", "ABC")))),
                "schedules", List.of(Map.of("departure_local", TRAVEL_DATE + "T08:00",
                                            "arrival_local", TRAVEL_DATE + "T09:10",
                                            "base_fares", Map.of("ECONOMY", 90_000))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        scheduleId = created.json().get("schedule_ids").get(0).asText();
    }

    private String token(String email, String password) {
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }

    private String book(String seatId, String passengerName) {
        ApiResponse placed = traveller.post("/api/bookings", json(Map.of(
                "schedule_id", scheduleId, "seat_id", seatId, "passengers", List.of(Map.of(
                        "name", passengerName, "birth_date", "1990-05-05", "phone", "010-2222-3333")))));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().get("booking_number").asText();
    }

    private String pay(String bookingNumber) {
        ApiResponse init = traveller.post("/api/payments/init", json(Map.of("booking_number", bookingNumber)));
        assertThat(init.status()).as(init.toString()).isEqualTo(200);
        long price = init.json().get("price").asLong();
        assertThat(price).isEqualTo(90_000);
        String receiptId = BOOTPAY.createPayment(bookingNumber, price, BootpayLoopbackServer.PAID);
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("receipt_id", receiptId);
        webhook.put("order_id", bookingNumber);
        webhook.put("price", price);
        webhook.put("status", 1);
        webhook.put("webhook_type", "PAYMENT_COMPLETED");
        ApiResponse answer = anonymous.post("/api/payments/webhook", json(webhook));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        return receiptId;
    }

    private JsonNode booking(String bookingNumber) {
        return traveller.get("/api/bookings/" + bookingNumber).json();
    }

    private List<String> occupiedSeats() {
        JsonNode seats = traveller.get("/api/bookings/occupied-seats/" + scheduleId).json().get("seat_ids");
        return seats == null ? List.of() : java.util.stream.StreamSupport.stream(seats.spliterator(), false)
                                                                       .map(JsonNode::asText).toList();
    }

    private void awaitNotification(String kind, String bookingNumber) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                traveller.get("/api/notifications").json().get("items"))
                .anySatisfy(item -> {
                    assertThat(item.get("kind").asText()).isEqualTo(kind);
                    assertThat(item.get("subject_id").asText()).isEqualTo(bookingNumber);
                    assertThat(item.get("read").asBoolean()).isFalse();
                }));
    }

    @Test
    void aPaidBookingIsConfirmed() {
        String number = book("1A", "Lee Jieun");
        pay(number);
        await().atMost(Duration.ofSeconds(20))
               .untilAsserted(() -> assertThat(booking(number).path("status").asText()).isEqualTo("CONFIRMED"));
        assertThat(occupiedSeats()).contains("1A");
        ApiResponse payingTwice = traveller.post("/api/payments/attach-booking", json(Map.of(
                "booking_number", number,
                "receipt_id", BOOTPAY.createPayment(number, 90_000, BootpayLoopbackServer.PAID))));
        assertThat(payingTwice.status()).isEqualTo(409);
        awaitNotification("BOOKING_CONFIRMED", number);
    }

    @Test
    void anUnpaidBookingExpiresAndItsSeatCanBeBookedAgain() {
        String number = book("2B", "Park Bogum");
        await().atMost(Duration.ofSeconds(60))
               .untilAsserted(() -> assertThat(booking(number).path("status").asText()).isEqualTo("EXPIRED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(occupiedSeats()).doesNotContain("2B"));
        book("2B", "Park Bogum");
        awaitNotification("BOOKING_EXPIRED", number);
    }

    @Test
    void cancellingAPaidBookingRefundsOnceEvenAfterARefundFailure() {
        String number = book("3C", "김민지");
        String receiptId = pay(number);
        await().atMost(Duration.ofSeconds(20))
               .untilAsserted(() -> assertThat(booking(number).path("status").asText()).isEqualTo("CONFIRMED"));

        BOOTPAY.failNextCancels(1);
        ApiResponse cancel = traveller.post("/api/bookings/" + number + "/cancel", json(Map.of("reason", "ill")));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
               .untilAsserted(() -> assertThat(booking(number).path("status").asText()).isEqualTo("CANCELLED"));
        assertThat(BOOTPAY.refunds(receiptId)).hasSize(1);
        assertThat(booking(number).path("refund_attempts").asInt()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(occupiedSeats()).doesNotContain("3C"));
        awaitNotification("REFUND_COMPLETED", number);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiResponse found = admin.get("/api/admin/bookings/search?q="
                                          + URLEncoder.encode("김민지", StandardCharsets.UTF_8));
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.body()).contains(number);
        });
    }

    @Test
    void aWrongPriceCancelsTheBookingAndAnUnknownOrderIsOnlyAcknowledged() {
        String number = book("4A", "Kim Taeri");
        assertThat(traveller.post("/api/payments/init", json(Map.of("booking_number", number))).status())
                .isEqualTo(200);
        String receiptId = BOOTPAY.createPayment(number, 1_000, BootpayLoopbackServer.PAID);
        ApiResponse wrongPrice = anonymous.post("/api/payments/webhook", json(Map.of(
                "receipt_id", receiptId, "order_id", number, "price", 1_000, "status", 1,
                "webhook_type", "PAYMENT_COMPLETED")));
        assertThat(wrongPrice.status()).isEqualTo(200);
        ApiResponse unknown = anonymous.post("/api/payments/webhook", json(Map.of(
                "receipt_id", BOOTPAY.createPayment("TD0000000000", 5_000, BootpayLoopbackServer.PAID),
                "order_id", "TD0000000000", "price", 5_000, "status", 1, "webhook_type", "PAYMENT_COMPLETED")));
        assertThat(unknown.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
               .untilAsserted(() -> assertThat(booking(number).path("status").asText()).isEqualTo("CANCELLED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(occupiedSeats()).doesNotContain("4A"));
        awaitNotification("BOOKING_CANCELLED", number);
    }
}
