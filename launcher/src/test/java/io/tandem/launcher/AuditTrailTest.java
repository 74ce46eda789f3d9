package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.launcher.AuditedBookings.Placed;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.platform.storage.FileStorage;
import io.tandem.platform.storage.StoredObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail over HTTP, every side in one JVM: a booking placed, paid and confirmed shows in its history with
 * its owner and address, rebuilds at any version, blames its status on the payment, traces across aggregates and its
 * saga, is found by search, exports, and is covered by the hash chain, which names an event changed in PostgreSQL.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FileStorage storage;

    private ApiClient anonymous;
    private ApiClient admin;
    private AuditedBookings bookings;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = OperationsAccounts.admin(anonymous);
        bookings = new AuditedBookings(anonymous);
    }

    private static String aggregate(String number) {
        return "/api/admin/audit/aggregates/" + number;
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private JsonNode ok(ApiClient client, String path) {
        ApiResponse response = client.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void aPaidBookingsTrailFromHistoryToTamperEvidence() throws IOException {
        Instant before = Instant.now().minusSeconds(1);
        Placed placed = bookings.place("1A", "Lee Jieun");
        bookings.payAndAwaitConfirmation(placed.bookingNumber());
        String number = placed.bookingNumber();

        JsonNode history = ok(admin, aggregate(number) + "/events");
        List<JsonNode> events = list(history.get("events"));
        assertThat(events).extracting(event -> event.get("event_type").asText())
                          .containsExactly("BookingPlacedEvent", "PaymentRecordedEvent", "BookingConfirmedEvent");
        assertThat(history.get("aggregate_type").asText()).isEqualTo("Booking");
        for (JsonNode event : events) {
            JsonNode metadata = event.get("metadata");
            assertThat(metadata.get("user_id").asText()).isEqualTo(bookings.travellerId());
            assertThat(metadata.get("client_ip").asText()).isEqualTo("127.0.0.1");
            assertThat(metadata.get("user_roles").asText()).isEqualTo("USER");
            assertThat(metadata.get("app_version").asText()).isNotBlank();
            assertThat(event.get("global_position").asLong()).isPositive();
        }
        assertThat(events.get(0).at("/payload/passengers/0/name").asText()).isEqualTo("Lee Jieun");

        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        JsonNode masked = ok(auditor.api(), aggregate(number) + "/events").get("events").get(0);
        assertThat(masked.at("/payload/passengers").asText()).isEqualTo("[masked]");
        assertThat(masked.at("/metadata/client_ip").asText()).isEqualTo("[masked]");
        assertThat(masked.at("/metadata/user_id").asText()).isEqualTo(bookings.travellerId());

        JsonNode atOne = ok(admin, aggregate(number) + "/state?seq=1");
        assertThat(atOne.get("rebuilt_with").asText()).isEqualTo("aggregate");
        assertThat(atOne.at("/state/status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(atOne.at("/state/receiptId").asText()).isNotBlank();
        Instant placedAt = Instant.parse(events.get(0).get("timestamp").asText());
        assertThat(ok(admin, aggregate(number) + "/state?at=" + placedAt).at("/state/receiptId").isNull()).isTrue();
        JsonNode diff = ok(admin, aggregate(number) + "/diff?to=2");
        assertThat(list(diff.get("changes"))).anySatisfy(change -> {
            assertThat(change.get("path").asText()).isEqualTo("status");
            assertThat(change.get("from").asText()).isEqualTo("PENDING_PAYMENT");
            assertThat(change.get("to").asText()).isEqualTo("CONFIRMED");
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode blame = ok(admin, aggregate(number) + "/blame?field=status");
            assertThat(blame.get("value").asText()).isEqualTo("CONFIRMED");
            assertThat(blame.at("/set_by/event_type").asText()).isEqualTo("BookingConfirmedEvent");
            assertThat(blame.at("/set_by/metadata/user_id").asText()).isEqualTo(bookings.travellerId());
            assertThat(blame.at("/cause/kind").asText()).isEqualTo("event");
            assertThat(blame.at("/cause/command").asText()).isEqualTo("ConfirmBookingCommand");
            assertThat(blame.at("/cause/event/event_type").asText()).isEqualTo("PaymentRecordedEvent");
            assertThat(blame.at("/cause/event/sequence_number").asLong()).isEqualTo(1);
        });

        JsonNode trace = ok(admin, "/api/admin/audit/traces/" + placed.correlationId());
        assertThat(list(trace.get("aggregate_types"))).extracting(JsonNode::asText)
                                                      .contains("Booking", "FlightSchedule");
        assertThat(list(trace.get("saga_types"))).extracting(JsonNode::asText).contains("BookingPaymentSaga");
        assertThat(trace.toString()).contains("PlaceBookingCommand", "BookingPlacedEvent", "PaymentRecordedEvent",
                                              "ConfirmSeatCommand", "BookingConfirmedEvent");
        String placedEventId = events.get(0).get("event_id").asText();
        assertThat(ok(admin, "/api/admin/audit/traces/" + placedEventId).get("correlation_id").asText())
                .isEqualTo(placed.correlationId());

        String window = "&from=" + before + "&to=" + Instant.now().plusSeconds(1);
        JsonNode found = ok(admin, "/api/admin/audit/events?type=BookingPlacedEvent" + window);
        assertThat(list(found.get("items"))).anySatisfy(item -> {
            assertThat(item.get("aggregate_id").asText()).isEqualTo(number);
            assertThat(item.get("correlation_id").asText()).isEqualTo(placed.correlationId());
        });

        ApiResponse export = admin.get(aggregate(number) + "/events/export?format=ndjson");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.get(2)).get("event_type").asText()).isEqualTo("BookingConfirmedEvent");
        ApiResponse csv = auditor.api().get("/api/admin/audit/events/export?format=csv&type=BookingPlacedEvent"
                                            + "&aggregate_id=" + number);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.body()).startsWith("global_position,").contains(number).contains("[masked]")
                              .doesNotContain("Lee Jieun");

        long paymentPosition = events.get(1).get("global_position").asLong();
        verifyTamperEvidence(number, paymentPosition, events.get(2).get("global_position").asLong());
    }

    private void verifyTamperEvidence(String number, long paymentPosition, long lastPosition) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ok(admin, "/api/admin/audit/chain")
                .path("chained_to").asLong(-1) >= lastPosition);
        ApiResponse intact = admin.post("/api/admin/audit/verify", "{}");
        assertThat(intact.status()).as(intact.toString()).isEqualTo(200);
        assertThat(intact.json().get("ok").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.json().get("checked").asLong()).isGreaterThanOrEqualTo(3);

        String amount = "UPDATE domainevententry SET payload = set_byte(payload, position('90000'::bytea IN payload) - 1,"
                        + " ascii(?)) WHERE globalindex = ? AND aggregateidentifier = ?";
        assertThat(jdbc.sql(amount).params("8", paymentPosition, number).update()).isEqualTo(1);
        try {
            ApiResponse tampered = admin.post("/api/admin/audit/verify", "{}");
            assertThat(tampered.json().get("ok").asBoolean()).as(tampered.toString()).isFalse();
            assertThat(tampered.json().get("first_bad_position").asLong()).isEqualTo(paymentPosition);
            assertThat(tampered.json().get("reason").asText()).isEqualTo("event_changed");
        } finally {
            jdbc.sql(amount.replace("'90000'", "'80000'")).params("9", paymentPosition, number).update();
        }
        assertThat(admin.post("/api/admin/audit/verify", "{}").json().get("ok").asBoolean()).isTrue();
        verifyFromAnAnchor();
    }

    /** An anchor is in the table and in S3, and verify from it checks the stored chain still has its hash there. */
    private void verifyFromAnAnchor() {
        JsonNode anchor = await().atMost(Duration.ofSeconds(30)).until(
                () -> ok(admin, "/api/admin/audit/chain").get("anchors").path(0), node -> !node.isMissingNode());
        long position = anchor.get("global_position").asLong();
        String hash = anchor.get("hash").asText();
        try (StoredObject stored = storage.get("audit-anchors/%020d.json".formatted(position))) {
            assertThat(new String(stored.content().readAllBytes(), StandardCharsets.UTF_8)).contains(hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApiResponse fromAnchor = admin.post("/api/admin/audit/verify",
                                            ApiClient.json(Map.of("from_position", position, "from_hash", hash)));
        assertThat(fromAnchor.json().get("ok").asBoolean()).as(fromAnchor.toString()).isTrue();
        String other = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
        ApiResponse rewritten = admin.post("/api/admin/audit/verify",
                                           ApiClient.json(Map.of("from_position", position, "from_hash", other)));
        assertThat(rewritten.json().get("ok").asBoolean()).isFalse();
        assertThat(rewritten.json().get("reason").asText()).isEqualTo("anchor_mismatch");
        assertThat(rewritten.json().get("first_bad_position").asLong()).isEqualTo(position);
    }

    @Test
    void aSagaIsFoundByItsBookingNumberAndOnlyAnAdministratorMovesOrCancelsItsDeadline() {
        Placed unpaid = bookings.place("2B", "Park Bogum");
        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        JsonNode sagas = ok(auditor.api(), "/api/admin/audit/sagas?association_value=" + unpaid.bookingNumber());
        JsonNode saga = sagas.get(0);
        assertThat(saga.at("/saga/saga_type").asText()).isEqualTo("BookingPaymentSaga");
        assertThat(saga.at("/saga/state/bookingNumber").asText()).isEqualTo(unpaid.bookingNumber());
        assertThat(list(saga.at("/saga/associations"))).anySatisfy(association -> assertThat(
                association.get("value").asText()).isEqualTo(unpaid.bookingNumber()));
        JsonNode deadline = saga.get("deadlines").get(0);
        assertThat(deadline.get("name").asText()).isEqualTo("payment-deadline");
        String task = deadline.get("task_instance").asText();

        String later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String move = ApiClient.json(Map.of("at", later, "reason", "audit test: hold the seat"));
        assertThat(auditor.api().post("/api/admin/audit/deadlines/" + task + "/reschedule", move).status())
                .isEqualTo(403);
        ApiResponse moved = admin.post("/api/admin/audit/deadlines/" + task + "/reschedule", move);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(Instant.parse(moved.json().get("execution_time").asText())).isEqualTo(Instant.parse(later));

        ApiResponse cancelled = admin.post("/api/admin/audit/deadlines/" + task + "/cancel",
                                           "{\"reason\":\"audit test: the traveller pays at the desk\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(ok(admin, "/api/admin/audit/sagas?association_value=" + unpaid.bookingNumber())
                           .get(0).get("deadlines")).isEmpty();
        assertThat(admin.post("/api/admin/audit/deadlines/" + task + "/cancel", "{\"reason\":\"again\"}").status())
                .isEqualTo(404);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode log = ok(admin, "/api/admin/operations?action=deadline-change&target="
                                     + URLEncoder.encode("deadline " + task, StandardCharsets.UTF_8));
            assertThat(list(log.get("items"))).extracting(entry -> entry.get("reason").asText())
                                              .contains("audit test: hold the seat",
                                                        "audit test: the traveller pays at the desk");
        });
        JsonNode trace = ok(admin, "/api/admin/audit/traces/" + unpaid.correlationId());
        assertThat(list(trace.get("saga_types"))).extracting(JsonNode::asText).contains("BookingPaymentSaga");
    }
}
