package io.tandem.launcher;

import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bookings for the audit trail's tests: a traveller books a seat on a new flight and pays through the app ("I paid",
 * as the traveller), so every event of the booking carries the traveller's user id and address.
 */
final class AuditedBookings {

    private final ApiClient anonymous;
    private final ApiClient traveller;
    private final String travellerId;
    private final String scheduleId;

    /** @param placement the booking number and the correlation id of the request that placed it */
    record Placed(String bookingNumber, String correlationId) {
    }

    AuditedBookings(ApiClient anonymous) {
        this.anonymous = anonymous;
        ApiClient admin = OperationsAccounts.admin(anonymous);
        String email = "audited-" + UUID.randomUUID() + "@example.com";
        ApiResponse signedUp = SignUps.signUp(anonymous, email, "secret123", "Audited Traveller");
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        travellerId = signedUp.json().get("user_id").asText();
        traveller = anonymous.as(OperationsAccounts.token(anonymous, email, "secret123"));
        LocalDate travelDate = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(12);
        ApiResponse created = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", Map.of("flight_number", "LJ" + (100 + (int) (Math.random() * 800)), "airline", "Jin Air",
                                 "origin", "GMP", "destination", "CJU",
                                 "seat_map", Map.of("aircraft", "B737", "sections", List.of(
                                         Map.of("cabin", "ECONOMY", "from_row", 1, "to_row", 5, "letters", "ABC")))),
                "schedules", List.of(Map.of("departure_local", travelDate + "T08:00",
                                            "arrival_local", travelDate + "T09:10",
                                            "base_fares", Map.of("ECONOMY", 90_000))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        scheduleId = created.json().get("schedule_ids").get(0).asText();
    }

    String travellerId() {
        return travellerId;
    }

    ApiClient traveller() {
        return traveller;
    }

    Placed place(String seatId, String passengerName) {
        ApiResponse placed = traveller.post("/api/bookings", json(Map.of(
                "schedule_id", scheduleId, "seat_id", seatId, "passengers", List.of(Map.of(
                        "name", passengerName, "birth_date", "1990-05-05", "phone", "010-2222-3333")))));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return new Placed(placed.json().get("booking_number").asText(), placed.header("X-Correlation-Id"));
    }

    /** Pays through the app's attach request, then waits until the saga has confirmed the booking. */
    void payAndAwaitConfirmation(String bookingNumber) {
        assertThat(traveller.post("/api/payments/init", json(Map.of("booking_number", bookingNumber))).status())
                .isEqualTo(200);
        String receipt = AllInOneTestServers.BOOTPAY.createPayment(bookingNumber, 90_000,
                                                                   BootpayLoopbackServer.PAID);
        ApiResponse attached = traveller.post("/api/payments/attach-booking", json(Map.of(
                "booking_number", bookingNumber, "receipt_id", receipt)));
        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                traveller.get("/api/bookings/" + bookingNumber).json().path("status").asText())
                .isEqualTo("CONFIRMED"));
    }
}
