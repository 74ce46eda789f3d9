package io.tandem.launcher;

import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A new traveller with confirmed bookings on a new flight, made and paid through the API. */
record TravellerBookings(ApiClient traveller, List<String> numbers) {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    static TravellerBookings confirmed(ApiClient anonymous, ApiClient admin, int count) {
        TravellerBookings bookings = paid(anonymous, admin, count, "LJ" + (100 + (int) (Math.random() * 800)));
        await().atMost(PATIENCE).untilAsserted(() -> bookings.numbers().forEach(number -> assertThat(
                bookings.traveller().get("/api/bookings/" + number).json().path("status").asText())
                .isEqualTo("CONFIRMED")));
        return bookings;
    }

    /** Bookings placed and paid on a new flight with this number; they are confirmed a moment later. */
    static TravellerBookings paid(ApiClient anonymous, ApiClient admin, int count, String flightNumber) {
        String email = "traveller-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(anonymous, email, "secret123", "T");
        ApiClient traveller = anonymous.as(OperationsAccounts.token(anonymous, email, "secret123"));
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(15);
        ApiResponse created = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", Map.of("flight_number", flightNumber, "airline", "Jin Air",
                                 "origin", "GMP", "destination", "CJU",
                                 "seat_map", Map.of("aircraft", "B737", "sections", List.of(
                                         Map.of("cabin", "ECONOMY", "from_row", 1, "to_row", 3, "letters", "ABC")))),
                "schedules", List.of(Map.of("departure_local", day + "T10:00", "arrival_local", day + "T11:10",
                                            "base_fares", Map.of("ECONOMY", 60_000))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String scheduleId = created.json().get("schedule_ids").get(0).asText();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiResponse placed = traveller.post("/api/bookings", json(Map.of(
                    "schedule_id", scheduleId, "seat_id", (1 + i / 3) + "" + "ABC".charAt(i % 3),
                    "passengers", List.of(Map.of("name", "Traveller Park", "birth_date", "1991-06-06",
                                                 "phone", "010-3333-4444")))));
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            String number = placed.json().get("booking_number").asText();
            pay(anonymous, traveller, number);
            numbers.add(number);
        }
        return new TravellerBookings(traveller, List.copyOf(numbers));
    }

    private static void pay(ApiClient anonymous, ApiClient traveller, String number) {
        long price = traveller.post("/api/payments/init", json(Map.of("booking_number", number))).json()
                              .get("price").asLong();
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("receipt_id", AllInOneTestServers.BOOTPAY.createPayment(number, price, BootpayLoopbackServer.PAID));
        webhook.put("order_id", number);
        webhook.put("price", price);
        webhook.put("status", 1);
        webhook.put("webhook_type", "PAYMENT_COMPLETED");
        assertThat(anonymous.post("/api/payments/webhook", json(webhook)).status()).isEqualTo(200);
    }
}
