package io.tandem.launcher;

import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
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
 * The packaged launcher through a database outage and a crash, in the middle of two booking sagas. First its
 * embedded PostgreSQL freezes (every process SIGSTOPped): requests answer 503 {@code database_unavailable} and
 * health says DOWN instead of hanging, and everything comes back once it thaws. Then the JVM alone is killed with
 * SIGKILL, which leaves PostgreSQL running on the data directory: the next start stops that orphan and comes up
 * with both bookings; the payment deadline of the unpaid one still fires (it expires and its seat is freed) and the
 * other, paid after the restart, is confirmed.
 */
class SagaCrashRecoveryIT {

    private static final LocalDate TRAVEL_DATE = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(5);

    @TempDir
    Path dataDir;

    private final BootpayLoopbackServer bootpay = startBootpay();
    private LauncherProcess launcher;

    @AfterEach
    void stop() throws InterruptedException {
        launcher.close();
        bootpay.close();
    }

    @Test
    void sagasAndDeadlinesCarryOnThroughADatabaseFreezeAndAKill() throws Exception {
        launcher = new LauncherProcess(dataDir,
                                       "--tandem.admin.email=admin@crash.test",
                                       "--tandem.admin.password=admin-pass-1",
                                       "--tandem.bootpay.base-url=" + bootpay.baseUrl(),
                                       "--tandem.bootpay.application-id=" + BootpayLoopbackServer.APPLICATION_ID,
                                       "--tandem.bootpay.private-key=" + BootpayLoopbackServer.PRIVATE_KEY,
                                       "--tandem.booking.payment-timeout=150s",
                                       LauncherProcess.MAIL_HOST, LauncherProcess.mailPort());
        ApiClient api = launcher.start();
        ApiClient admin = api.as(token(api, "admin@crash.test", "admin-pass-1"));
        String scheduleId = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", Map.of("flight_number", "OZ8901", "airline", "Asiana", "origin", "GMP",
                                 "destination", "PUS", "seat_map", Map.of("aircraft", "A321", "sections", List.of(
                                         Map.of("cabin", "ECONOMY", "from_row", 1, "to_row", 3, "letters", "AB")))),
                "schedules", List.of(Map.of("departure_local", TRAVEL_DATE + "T07:00",
                                            "arrival_local", TRAVEL_DATE + "T08:00",
                                            "base_fares", Map.of("ECONOMY", 60_000))))))
                                 .json().get("schedule_ids").get(0).asText();
        String email = "crash-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(api, email, "secret123", "C");
        ApiClient traveller = api.as(token(api, email, "secret123"));
        String unpaid = book(traveller, scheduleId, "1A");
        String paidLater = book(traveller, scheduleId, "1B");

        launcher.freezePostgres();
        try {
            ApiResponse duringOutage = traveller.get("/api/bookings/" + unpaid);
            assertThat(duringOutage.status()).as(duringOutage.toString()).isEqualTo(503);
            assertThat(duringOutage.contentType()).startsWith("application/problem+json");
            assertThat(duringOutage.json().path("code").asText()).isEqualTo("database_unavailable");
            assertThat(duringOutage.header("Retry-After")).isEqualTo("5");
            ApiResponse health = api.get("/actuator/health");
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
        } finally {
            launcher.thawPostgres();
        }
        ApiClient anonymous = api;
        await().atMost(Duration.ofMinutes(2)).until(() -> anonymous.get("/actuator/health").status() == 200);
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
                traveller.get("/api/bookings/" + unpaid).json().path("status").asText()).isEqualTo("PENDING_PAYMENT"));

        launcher.kill();
        ProcessHandle orphan = launcher.postgres().orElseThrow(
                () -> new AssertionError("a JVM killed with SIGKILL leaves its PostgreSQL running"));
        api = launcher.start();
        assertThat(orphan.isAlive()).isFalse();
        assertThat(launcher.log()).contains("outlived the application that started it");
        ApiClient travellerAgain = api.as(token(api, email, "secret123"));
        for (String booking : List.of(unpaid, paidLater)) {
            assertThat(travellerAgain.get("/api/bookings/" + booking).json().path("status").asText())
                    .as("booking %s after the restart", booking).isIn("PENDING_PAYMENT", "EXPIRED");
        }

        String receiptId = bootpay.createPayment(paidLater, 60_000, BootpayLoopbackServer.PAID);
        ApiResponse webhook = api.post("/api/payments/webhook", json(Map.of(
                "receipt_id", receiptId, "order_id", paidLater, "price", 60_000, "status", 1,
                "webhook_type", "PAYMENT_COMPLETED")));
        assertThat(webhook.status()).as(webhook.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            assertThat(travellerAgain.get("/api/bookings/" + paidLater).json().path("status").asText())
                    .isEqualTo("CONFIRMED");
            assertThat(travellerAgain.get("/api/bookings/" + unpaid).json().path("status").asText())
                    .isEqualTo("EXPIRED");
            assertThat(travellerAgain.get("/api/bookings/occupied-seats/" + scheduleId).body())
                    .contains("1B").doesNotContain("1A");
        });
    }

    private static String book(ApiClient traveller, String scheduleId, String seatId) {
        ApiResponse placed = traveller.post("/api/bookings", json(Map.of(
                "schedule_id", scheduleId, "seat_id", seatId, "passengers", List.of(Map.of(
                        "name", "Choi", "birth_date", "1988-08-08", "phone", "010-5555-6666")))));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().get("booking_number").asText();
    }

    private static String token(ApiClient api, String email, String password) {
        ApiResponse login = api.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }

    private static BootpayLoopbackServer startBootpay() {
        try {
            return new BootpayLoopbackServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
