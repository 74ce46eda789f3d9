package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One traveller on a new flight of its own, over HTTP against every side in one JVM with Bootpay on loopback:
 * what the booking and payment journeys share.
 */
final class BookingTrip {

    static final BootpayLoopbackServer BOOTPAY = AllInOneTestServers.BOOTPAY;
    static final long FARE = 90_000;
    private static final LocalDate TRAVEL_DATE = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(10);

    final ApiClient anonymous;
    final ApiClient admin;
    final ApiClient traveller;
    final String scheduleId;

    BookingTrip(int port) {
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
                                            "base_fares", Map.of("ECONOMY", FARE))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        scheduleId = created.json().get("schedule_ids").get(0).asText();
    }

    private String token(String email, String password) {
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }

    String book(String seatId, String passengerName) {
        ApiResponse placed = traveller.post("/api/bookings", json(Map.of(
                "schedule_id", scheduleId, "seat_id", seatId, "passengers", List.of(Map.of(
                        "name", passengerName, "birth_date", "1990-05-05", "phone", "010-2222-3333")))));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().get("booking_number").asText();
    }

    /** Opens the payment as the app does, pays the fare at Bootpay, and delivers Bootpay's notification. */
    String pay(String bookingNumber) {
        ApiResponse init = traveller.post("/api/payments/init", json(Map.of("booking_number", bookingNumber)));
        assertThat(init.status()).as(init.toString()).isEqualTo(200);
        long price = init.json().get("price").asLong();
        assertThat(price).isEqualTo(FARE);
        String receiptId = BOOTPAY.createPayment(bookingNumber, price, BootpayLoopbackServer.PAID);
        ApiResponse answer = webhook(receiptId);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        return receiptId;
    }

    /** Bootpay's notification about a receipt, as anybody could post it: it claims paid, whatever the receipt says. */
    ApiResponse webhook(String receiptId) {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("receipt_id", receiptId);
        webhook.put("status", 1);
        webhook.put("webhook_type", "PAYMENT_COMPLETED");
        return anonymous.post("/api/payments/webhook", json(webhook));
    }

    JsonNode booking(String bookingNumber) {
        return traveller.get("/api/bookings/" + bookingNumber).json();
    }

    void awaitStatus(String bookingNumber, String status) {
        await().atMost(Duration.ofSeconds(20))
               .untilAsserted(() -> assertThat(booking(bookingNumber).path("status").asText()).isEqualTo(status));
    }

    List<String> occupiedSeats() {
        JsonNode seats = traveller.get("/api/bookings/occupied-seats/" + scheduleId).json().get("seat_ids");
        return seats == null ? List.of() : StreamSupport.stream(seats.spliterator(), false)
                                                        .map(JsonNode::asText).toList();
    }

    void awaitNotification(String kind, String bookingNumber) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                traveller.get("/api/notifications").json().get("items"))
                .anySatisfy(item -> {
                    assertThat(item.get("kind").asText()).isEqualTo(kind);
                    assertThat(item.get("subject_id").asText()).isEqualTo(bookingNumber);
                    assertThat(item.get("read").asBoolean()).isFalse();
                }));
    }
}
