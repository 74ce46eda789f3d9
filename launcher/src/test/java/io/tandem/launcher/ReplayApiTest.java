package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.UUID;

import static io.tandem.launcher.ReplayRequests.PATIENCE;
import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Coordinated replays over HTTP with every side in one JVM: a dry run shows the plan and changes nothing; a real
 * replay of the bookings projection goes through every step and ends with the same rows; bad requests get their
 * 4xx; only administrators replay.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ReplayApiTest {

    private static final List<String> STEPS = List.of("REQUESTED", "PAUSING", "WAITING_FOR_RELEASE", "RESETTING",
                                                      "STARTING", "REPLAYING", "DONE");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = OperationsAccounts.admin(anonymous);
    }

    private static final Pattern BOOKING_NUMBER = Pattern.compile("\"booking_number\": \"([^\"]+)\"");

    /**
     * The settled booking rows (neither awaiting payment nor a refund, which may change by themselves at any time) as
     * JSON, in key order: what the projection holds.
     */
    private List<String> settledBookingRows() {
        return jdbc.sql("SELECT to_jsonb(b)::text FROM booking b"
                        + " WHERE status NOT IN ('PENDING_PAYMENT', 'CANCELLATION_REQUESTED') ORDER BY booking_number")
                   .query(String.class).list();
    }

    /** The rows of these bookings now, in key order. */
    private List<String> bookingRows(List<String> settled) {
        List<String> numbers = settled.stream().map(row -> {
            Matcher number = BOOKING_NUMBER.matcher(row);
            assertThat(number.find()).as(row).isTrue();
            return number.group(1);
        }).toList();
        return jdbc.sql("SELECT to_jsonb(b)::text FROM booking b WHERE booking_number IN (:numbers)"
                        + " ORDER BY booking_number")
                   .param("numbers", numbers).query(String.class).list();
    }

    @Test
    void aDryRunThenARealReplayOfBookingsEndsWithTheSameRows() {
        List<String> mine = paidBookings(2);
        // only settled rows are compared: an unpaid booking of another test may expire meanwhile, and a poison
        // event's booking (PoisonEventTest) may stay unpaid for good, its saga parked
        List<String> before = settledBookingRows();
        assertThat(before).hasSizeGreaterThanOrEqualTo(2);

        ApiResponse dryRun = ReplayRequests.dryRun(admin, "bookings", "tail");
        assertThat(dryRun.status()).as(dryRun.toString()).isEqualTo(200);
        JsonNode plan = dryRun.json();
        assertThat(plan.get("processor").asText()).isEqualTo("bookings");
        assertThat(plan.get("from").asText()).isEqualTo("tail");
        assertThat(plan.get("head_position").asLong()).isGreaterThan(plan.get("start_position").asLong());
        assertThat(plan.get("events_in_range").asLong())
                .isEqualTo(plan.get("head_position").asLong() - plan.get("start_position").asLong());
        assertThat(plan.get("handled_by_type").get("BookingPlacedEvent").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(plan.get("handled_by_type").get("BookingConfirmedEvent").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(plan.get("handled_events").asLong()).isLessThanOrEqualTo(plan.get("events_in_range").asLong());
        assertThat(plan.get("reset_handlers").toString()).contains("BookingProjection");
        assertThat(plan.get("side_effect_handlers")).isEmpty();
        assertThat(plan.get("requires_force").asBoolean()).isFalse();
        assertThat(plan.get("blockers")).isEmpty();
        assertThat(plan.get("segments").asInt()).isPositive();
        assertThat(plan.get("dead_letters_to_clear").asLong()).isNotNegative();
        assertThat(plan.get("estimate_basis").asText()).isNotBlank();
        assertThat(bookingRows(before)).as("a dry run changes nothing").isEqualTo(before);

        ApiResponse started = ReplayRequests.request(admin, "bookings", "tail", "replay test: rebuild bookings", false);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String replayId = started.json().get("replay_id").asText();
        assertThat(started.header("Location")).isEqualTo("/api/admin/processors/bookings/replays/" + replayId);

        JsonNode done = ReplayRequests.awaitDone(admin, "bookings", replayId);
        List<String> steps = new ArrayList<>();
        done.get("transitions").forEach(step -> steps.add(step.get("state").asText()));
        assertThat(steps).containsExactlyElementsOf(STEPS);
        assertThat(done.get("pause_version").asLong()).isPositive();
        assertThat(done.get("resume_version").asLong()).isGreaterThan(done.get("pause_version").asLong());
        assertThat(done.get("start_position").asLong()).isEqualTo(plan.get("start_position").asLong());
        assertThat(done.get("head_at_reset").asLong()).isGreaterThanOrEqualTo(plan.get("head_position").asLong());
        assertThat(done.get("replayed_positions").asLong()).isPositive();
        assertThat(done.get("progress").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("progress").get("segments"))
                .allSatisfy(segment -> assertThat(segment.get("percent").asDouble()).isEqualTo(100.0));
        assertThat(done.has("executor_node")).as("a finished plan holds no lease").isFalse();

        assertThat(bookingRows(before)).as("the replay rebuilt the same rows").isEqualTo(before);
        mine.forEach(number -> assertThat(before).anySatisfy(row -> assertThat(row).contains(number)));
        JsonNode board = admin.get("/api/admin/processors").json();
        board.get("processors").forEach(processor -> {
            if (processor.get("name").asText().equals("bookings")) {
                assertThat(processor.get("control").get("state").asText()).isEqualTo("RUNNING");
            }
        });

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode logged = admin.get("/api/admin/operations?action=replay&target=bookings").json().get("items")
                                   .get(0);
            assertThat(logged.get("action_id").asText()).isEqualTo(done.get("action_id").asText());
            assertThat(logged.get("reason").asText()).isEqualTo("replay test: rebuild bookings");
            assertThat(logged.get("parameters").get("from").asText()).isEqualTo("tail");
            assertThat(logged.get("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(logged.get("detail").asText()).startsWith("replayed ");
            assertThat(logged.get("duration_ms").asLong()).isPositive();
        });
    }

    @Test
    void aSecondReplayWaitsItsTurnAndOperatorsCannotPauseWhatAReplayHolds() {
        String first = ReplayRequests.start(admin, "airports", "tail", "replay test: first", false);
        ApiResponse second = ReplayRequests.request(admin, "airports", "tail", "replay test: second", false);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("replay_in_progress");
        assertThat(second.json().get("detail").asText()).contains(first);
        ApiResponse pause = admin.post("/api/admin/processors/airports/pause", json(Map.of("reason", "meddling")));
        assertThat(pause.status()).as(pause.toString()).isEqualTo(409);
        assertThat(pause.json().get("code").asText()).isEqualTo("replay_in_progress");
        JsonNode planDuring = ReplayRequests.dryRun(admin, "airports", "tail").json();
        assertThat(planDuring.get("active_replay").asText()).isEqualTo(first);
        assertThat(planDuring.get("blockers")).isNotEmpty();

        ReplayRequests.awaitDone(admin, "airports", first);
        String key = "replay-test-" + UUID.randomUUID();
        // from the head the reset would clear the airports and replay nothing: later tests need them
        JsonNode fromHeadPlan = ReplayRequests.dryRun(admin, "airports", "head").json();
        assertThat(fromHeadPlan.get("events_in_range").asLong()).isZero();
        assertThat(fromHeadPlan.get("note").asText()).contains("Nothing is replayed", "AirportProjection");
        String body = json(Map.of("from", "tail", "reason", "replay test: once"));
        ApiResponse keyed = admin.post(ReplayRequests.path("airports"), body, "Idempotency-Key", key);
        assertThat(keyed.status()).as(keyed.toString()).isEqualTo(202);
        String keyedId = keyed.json().get("replay_id").asText();
        ApiResponse repeated = admin.post(ReplayRequests.path("airports"), body, "Idempotency-Key", key);
        assertThat(repeated.status()).as(repeated.toString()).isEqualTo(202);
        assertThat(repeated.json().get("replay_id").asText()).isEqualTo(keyedId);
        ApiResponse elsewhere = admin.post(ReplayRequests.path("vehicles"), body, "Idempotency-Key", key);
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.json().get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(ReplayRequests.awaitDone(admin, "airports", keyedId).get("replayed_positions").asLong())
                .isPositive();

        JsonNode history = admin.get(ReplayRequests.path("airports")).json();
        assertThat(history.get(0).get("replay_id").asText()).isEqualTo(keyedId);
        assertThat(history.get(1).get("replay_id").asText()).isEqualTo(first);
    }

    @Test
    void refusesUnknownTargetsSagasPerNodeProcessorsUnforcedSideEffectsAndMalformedRequests() {
        assertProblem(ReplayRequests.dryRun(admin, "no-such-processor", "tail"), 404, "processor_not_found");
        assertProblem(ReplayRequests.request(admin, "no-such-processor", "tail", "typo", false), 404,
                      "processor_not_found");
        assertProblem(admin.get(ReplayRequests.path("bookings") + "/" + UUID.randomUUID()), 404, "replay_not_found");

        ApiResponse saga = ReplayRequests.request(admin, "BookingPaymentSagaProcessor", "tail", "saga", false);
        assertProblem(saga, 409, "saga_not_replayable");
        assertThat(saga.json().get("detail").asText()).contains("never replayed");
        assertProblem(ReplayRequests.dryRun(admin, "BookingRefundSagaProcessor", "tail"), 409, "saga_not_replayable");
        assertProblem(ReplayRequests.request(admin, "live-delivery", "tail", "per node", false), 409,
                      "replay_not_supported");

        ApiResponse unforced = ReplayRequests.request(admin, "notification-triggers", "tail", "notify", false);
        assertProblem(unforced, 409, "side_effects_need_force");
        JsonNode plan = ReplayRequests.dryRun(admin, "notification-triggers", "tail").json();
        assertThat(plan.get("requires_force").asBoolean()).isTrue();
        assertThat(plan.get("side_effect_handlers").toString()).contains("BookingNotifications", "CoupleNotifications",
                                                                         "sends notifications");
        assertThat(plan.get("skipped_handlers").toString()).contains("BookingNotifications.on(BookingConfirmedEvent)");

        for (String from : List.of("yesterday", "-5", "2026-13-01T00:00:00Z", "999999999999", " ")) {
            assertProblem(ReplayRequests.request(admin, "bookings", from, "bad from", false), 400, "invalid_from");
        }
        assertProblem(admin.post(ReplayRequests.path("bookings"), json(Map.of("reason", "no from"))), 400,
                      "invalid_from");
        Map<String, Object> noReason = new LinkedHashMap<>(Map.of("from", "tail"));
        assertProblem(admin.post(ReplayRequests.path("bookings"), json(noReason)), 400, "reason_required");
        noReason.put("reason", "  ");
        assertProblem(admin.post(ReplayRequests.path("bookings"), json(noReason)), 400, "reason_required");
        assertThat(admin.post(ReplayRequests.path("bookings"), "{not json").status()).isEqualTo(400);

        JsonNode refusals = admin.get("/api/admin/operations?action=replay&outcome=refused").json().get("items");
        assertThat(refusals).anySatisfy(e -> assertThat(e.get("detail").asText()).startsWith("saga_not_replayable"));
        assertThat(refusals).anySatisfy(e -> assertThat(e.get("target").asText()).isEqualTo("no-such-processor"));
    }

    @Test
    void onlyAdministratorsReplay() {
        Account user = OperationsAccounts.withRole(anonymous, null);
        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        for (Account refused : List.of(user, auditor, operator)) {
            assertThat(ReplayRequests.dryRun(refused.api(), "airports", "tail").status()).isEqualTo(403);
            assertThat(ReplayRequests.request(refused.api(), "airports", "tail", "not mine", false).status())
                    .isEqualTo(403);
        }
        assertThat(user.api().get(ReplayRequests.path("airports")).status()).isEqualTo(403);
        assertThat(auditor.api().get(ReplayRequests.path("airports")).status()).isEqualTo(200);
        assertThat(operator.api().get(ReplayRequests.path("airports")).status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").json().get("paths").has("/api/admin/processors/{name}/replays/{id}"))
                .isTrue();
    }

    private static void assertProblem(ApiResponse response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }

    /** Places and pays this many bookings of a new flight, and waits until they are confirmed. */
    private List<String> paidBookings(int count) {
        String email = "replay-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(anonymous, email, "secret123", "R");
        ApiClient traveller = anonymous.as(OperationsAccounts.token(anonymous, email, "secret123"));
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(12);
        ApiResponse created = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", Map.of("flight_number", "7C" + (100 + (int) (Math.random() * 800)), "airline", "Jeju Air",
                                 "origin", "GMP", "destination", "CJU",
                                 "seat_map", Map.of("aircraft", "B737", "sections", List.of(
                                         Map.of("cabin", "ECONOMY", "from_row", 1, "to_row", 2, "letters", "AB")))),
                "schedules", List.of(Map.of("departure_local", day + "T08:00", "arrival_local", day + "T09:10",
                                            "base_fares", Map.of("ECONOMY", 70_000))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String scheduleId = created.json().get("schedule_ids").get(0).asText();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiResponse placed = traveller.post("/api/bookings", json(Map.of(
                    "schedule_id", scheduleId, "seat_id", "1" + "AB".charAt(i % 2), "passengers", List.of(Map.of(
                            "name", "Replay Kim", "birth_date", "1990-05-05", "phone", "010-2222-3333")))));
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            String number = placed.json().get("booking_number").asText();
            long price = traveller.post("/api/payments/init", json(Map.of("booking_number", number))).json()
                                  .get("price").asLong();
            String receipt = AllInOneTestServers.BOOTPAY.createPayment(number, price, BootpayLoopbackServer.PAID);
            Map<String, Object> webhook = new LinkedHashMap<>();
            webhook.put("receipt_id", receipt);
            webhook.put("order_id", number);
            webhook.put("price", price);
            webhook.put("status", 1);
            webhook.put("webhook_type", "PAYMENT_COMPLETED");
            assertThat(anonymous.post("/api/payments/webhook", json(webhook)).status()).isEqualTo(200);
            numbers.add(number);
        }
        await().atMost(PATIENCE).untilAsserted(() -> numbers.forEach(number -> assertThat(
                traveller.get("/api/bookings/" + number).json().path("status").asText()).isEqualTo("CONFIRMED")));
        return numbers;
    }
}
