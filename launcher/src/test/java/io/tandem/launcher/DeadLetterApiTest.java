package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.Passenger;
import io.tandem.api.flight.Cabin;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter explorer and its actions over HTTP with every side in one JVM. Bookings of a flight that the read
 * model refuses for a while (a check constraint added by the test, then dropped: the fix) are parked, found by
 * filters and fingerprint, retried in vain, then retried one by one or in bulk once fixed; an event no read model can
 * store is evicted; a single letter is evicted and the rest of its sequence goes on; sequences are evicted in bulk;
 * every action needs a reason, bulk ones the processor's name, and roles decide who may act.
 */
// In the context (and database) the metrics tests use, not the one most tests share: evicting letters leaves the
// bookings read model knowingly short of what a replay or a rebuild gives, which the replay and rebuild tests there
// compare row by row.
@AutoConfigureObservability
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class DeadLetterApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = OperationsAccounts.admin(anonymous);
    }

    private JsonNode parked(ApiClient as, String query) {
        ApiResponse page = as.get("/api/admin/dead-letters?" + query);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json();
    }

    private JsonNode awaitParked(String aggregateId, int letters) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                parked(admin, "processor=bookings&aggregate_id=" + aggregateId).get("items").path(0)
                        .path("letters").asInt()).isEqualTo(letters));
        return parked(admin, "processor=bookings&aggregate_id=" + aggregateId).get("items").get(0);
    }

    private static ApiResponse retry(ApiClient as, String sequence, String reason) {
        return as.post("/api/admin/dead-letters/bookings/sequences/" + sequence + "/retry", json(reason == null
                ? Map.of() : Map.of("reason", reason)));
    }

    @Test
    void aPoisonEventIsFoundByItsFailureRetriedInVainThenRetriedOnceFixed() {
        RefusedFlight refused = RefusedFlight.refuse(jdbc);
        String flight = refused.flightNumber();
        String constraint = refused.constraint();
        try {
            Instant before = Instant.now().minusSeconds(1);
            String number = TravellerBookings.paid(anonymous, admin, 1, flight).numbers().get(0);
            JsonNode sequence = awaitParked(number, 3);
            assertThat(sequence.get("sequence").asText()).isEqualTo(number);
            assertThat(sequence.get("event_type").asText()).isEqualTo("BookingPlacedEvent");
            assertThat(sequence.get("cause_type").asText()).contains("DataIntegrityViolation");
            assertThat(sequence.get("cause_message").asText()).contains(constraint);
            assertThat(sequence.get("top_frame").asText()).startsWith("io.tandem.query.booking.BookingProjection.");
            assertThat(sequence.get("state").asText()).isEqualTo("retrying");
            assertThat(sequence.get("next_retry_at").asText()).isNotBlank();
            assertThat(sequence.get("enqueued_at").asText()).isNotBlank();
            assertThat(sequence.get("last_touched").asText()).isNotBlank();
            assertThat(sequence.get("aggregate_link").asText())
                    .isEqualTo("/api/admin/audit/aggregates/" + number + "/events");
            assertThat(sequence.get("payload").get("passengers").get(0).get("name").asText())
                    .isEqualTo("Traveller Park");
            String fingerprint = sequence.get("fingerprint").asText();
            assertThat(fingerprint).hasSize(12);

            JsonNode found = parked(admin, "processor=bookings&event_type=BookingPlacedEvent&exception_type="
                                           + sequence.get("cause_type").asText() + "&fingerprint=" + fingerprint
                                           + "&from=" + before);
            assertThat(found.get("items").findValuesAsText("sequence")).contains(number);
            assertThat(found.get("groups").get(0).get("fingerprint").asText()).isEqualTo(fingerprint);
            assertThat(found.get("groups").get(0).get("processors")).extracting(JsonNode::asText)
                                                                  .containsExactly("bookings");
            assertThat(parked(admin, "processor=bookings&aggregate_id=" + number + "&to=" + before).get("total")
                                                                                             .asLong()).isZero();
            Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
            JsonNode masked = parked(auditor.api(), "processor=bookings&aggregate_id=" + number).get("items").get(0);
            assertThat(masked.get("payload").get("passengers").asText()).isEqualTo("[personal data]");
            assertThat(masked.get("payload_masked").asBoolean()).isTrue();
            JsonNode detail = admin.get("/api/admin/dead-letters/bookings/sequences/" + number).json();
            assertThat(detail.get("letters").findValuesAsText("event_type"))
                    .containsExactly("BookingPlacedEvent", "PaymentRecordedEvent", "BookingConfirmedEvent");

            assertThat(retry(auditor.api(), number, "dead letter test").status()).isEqualTo(403);
            ApiResponse noReason = retry(admin, number, null);
            assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
            assertThat(noReason.json().get("code").asText()).isEqualTo("reason_required");
            Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
            ApiResponse inVain = retry(operator.api(), number, "dead letter test: still broken?");
            assertThat(inVain.status()).as(inVain.toString()).isEqualTo(200);
            assertThat(inVain.json().get("outcome").asText()).isEqualTo("failed");
            assertThat(inVain.json().get("last_error").asText()).contains(constraint);
            assertThat(awaitParked(number, 3).get("retries").asInt()).isPositive();

            refused.accept();
            ApiResponse fixed = retry(operator.api(), number, "dead letter test: constraint fixed");
            assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
            assertThat(fixed.json().get("outcome").asText()).isEqualTo("succeeded");
            assertThat(parked(admin, "processor=bookings&aggregate_id=" + number).get("total").asLong()).isZero();
            assertThat(admin.get("/api/admin/bookings/" + number).json().path("status").asText())
                    .isEqualTo("CONFIRMED");
            assertThat(admin.get("/api/admin/dead-letters/bookings/sequences/" + number).status()).isEqualTo(404);
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode logged = admin.get("/api/admin/operations?action=retry&target=bookings&size=5").json()
                                       .get("items");
                assertThat(logged.findValuesAsText("reason")).contains("dead letter test: still broken?",
                                                                       "dead letter test: constraint fixed");
                assertThat(logged.findValuesAsText("outcome")).contains("FAILED", "SUCCEEDED");
            });
        } finally {
            refused.accept();
        }
    }

    @Test
    void aBulkRetryTakesWhatItsDryRunCountedAtTheCappedRateAndAnUnstorableEventIsEvicted() {
        RefusedFlight refused = RefusedFlight.refuse(jdbc);
        try {
            Instant before = Instant.now().minusSeconds(1);
            TravellerBookings bookings = TravellerBookings.paid(anonymous, admin, 3, refused.flightNumber());
            bookings.numbers().forEach(number -> awaitParked(number, 3));
            String fingerprint = parked(admin, "processor=bookings&aggregate_id=" + bookings.numbers().get(0))
                    .get("items").get(0).get("fingerprint").asText();
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("processor", "bookings");
            filter.put("fingerprint", fingerprint);
            filter.put("from", before.toString());
            filter.put("max", 3);
            filter.put("rate_per_second", 50);
            JsonNode inVain = bulk("bulk-retry", filter, false, "dead letter test: bulk before the fix", "bookings");
            assertThat(inVain.get("results")).hasSize(3)
                                             .allSatisfy(r -> assertThat(r.get("outcome").asText()).isEqualTo("failed"));

            refused.accept();
            filter.put("max", 2);
            filter.put("rate_per_second", 4);
            JsonNode dryRun = bulk("bulk-retry", filter, true, null, null);
            assertThat(dryRun.get("matched").asLong()).isEqualTo(3);
            assertThat(dryRun.get("selected").asInt()).isEqualTo(2);
            assertThat(bulkResponse("bulk-retry", filter, false, "dead letter test", null).json().get("code")
                                                                                   .asText())
                    .isEqualTo("confirmation_required");
            assertThat(bulkResponse("bulk-retry", filter, false, null, "bookings").json().get("code").asText())
                    .isEqualTo("reason_required");
            JsonNode done = bulk("bulk-retry", filter, false, "dead letter test: bulk after the fix", "bookings");
            assertThat(done.get("selected").asInt()).as("what the dry run counted").isEqualTo(2);
            assertThat(done.get("results")).hasSize(2)
                                           .allSatisfy(r -> assertThat(r.get("outcome").asText())
                                                   .isEqualTo("succeeded"));
            Instant first = Instant.parse(done.get("results").get(0).get("at").asText());
            Instant second = Instant.parse(done.get("results").get(1).get("at").asText());
            assertThat(Duration.between(first, second)).as("at most 4 per second")
                                                       .isGreaterThanOrEqualTo(Duration.ofMillis(250));
            JsonNode left = parked(admin, "processor=bookings&fingerprint=" + fingerprint + "&from=" + before);
            assertThat(left.get("total").asLong()).as("the third was beyond the maximum").isEqualTo(1);
            String third = left.get("items").get(0).get("sequence").asText();
            assertThat(retry(admin, third, "dead letter test: the last one").json().get("outcome").asText())
                    .isEqualTo("succeeded");
        } finally {
            refused.accept();
        }

        String unstorable = "QX" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        eventStore.publish(new GenericDomainEventMessage<>("Booking", unstorable, 0, new BookingPlacedEvent(
                unstorable, UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "QX1", "ICN", "NRT", Instant.now().plus(Duration.ofDays(40)), "1A", Cabin.ECONOMY,
                List.of(new Passenger("Nul\u0000", LocalDate.of(1990, 1, 1), "010-0000-0000")), 100_000,
                Instant.now().plus(Duration.ofDays(39)))));
        awaitParked(unstorable, 1);
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        String evict = "/api/admin/dead-letters/bookings/sequences/" + unstorable + "/evict";
        assertThat(operator.api().post(evict, json(Map.of("reason", "dead letter test"))).status()).isEqualTo(403);
        assertThat(admin.post(evict, json(Map.of())).status()).isEqualTo(400);
        Map<String, Object> byAggregate = new LinkedHashMap<>(Map.of("processor", "bookings",
                                                                     "aggregate_id", unstorable));
        assertThat(bulk("bulk-evict", byAggregate, true, null, null).get("selected").asInt()).isEqualTo(1);
        ApiResponse evicted = admin.post(evict, json(Map.of("reason", "dead letter test: no read model can store it")));
        assertThat(evicted.status()).as(evicted.toString()).isEqualTo(200);
        assertThat(evicted.json().get("outcome").asText()).isEqualTo("evicted");
        assertThat(parked(admin, "processor=bookings&aggregate_id=" + unstorable).get("total").asLong()).isZero();
        assertThat(admin.post(evict, json(Map.of("reason", "again"))).status()).isEqualTo(404);

        Account user = OperationsAccounts.withRole(anonymous, null);
        assertThat(user.api().get("/api/admin/dead-letters").status()).isEqualTo(403);
        assertThat(user.api().post("/api/admin/dead-letters/bulk-retry", json(byAggregate)).status())
                .isEqualTo(403);
    }

    @Test
    void aLetterIsEvictedAloneAndTheRestOfItsSequenceGoesOnThenSequencesAreEvictedInBulk() {
        RefusedFlight refused = RefusedFlight.refuse(jdbc);
        try {
            Instant before = Instant.now().minusSeconds(1);
            List<String> numbers = TravellerBookings.paid(anonymous, admin, 3, refused.flightNumber()).numbers();
            numbers.forEach(number -> awaitParked(number, 3));

            String alone = numbers.get(0);
            JsonNode first = parked(admin, "processor=bookings&aggregate_id=" + alone).get("items").get(0);
            assertThat(first.get("event_type").asText()).isEqualTo("BookingPlacedEvent");
            String letter = "/api/admin/dead-letters/bookings/letters/" + first.get("letter_id").asText() + "/evict";
            Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
            assertThat(operator.api().post(letter, json(Map.of("reason", "dead letter test"))).status())
                    .isEqualTo(403);
            ApiResponse evicted = admin.post(letter, json(Map.of("reason", "dead letter test: drop the placement")));
            assertThat(evicted.status()).as(evicted.toString()).isEqualTo(200);
            assertThat(evicted.json().get("outcome").asText()).isEqualTo("evicted");
            assertThat(evicted.json().get("sequence").asText()).isEqualTo(alone);
            assertThat(evicted.json().get("letters").asLong()).isEqualTo(1);
            assertThat(admin.post(letter, json(Map.of("reason", "again"))).status()).isEqualTo(404);
            // the payment and confirmation are retried in its place and change nothing: no row was ever placed
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    parked(admin, "processor=bookings&aggregate_id=" + alone).get("total").asLong()).isZero());
            assertThat(bookingRows(alone)).isZero();

            String fingerprint = first.get("fingerprint").asText();
            Map<String, Object> filter = new LinkedHashMap<>(Map.of("processor", "bookings",
                                                                    "fingerprint", fingerprint,
                                                                    "from", before.toString()));
            JsonNode dryRun = bulk("bulk-evict", filter, true, null, null);
            assertThat(dryRun.get("matched").asLong()).isEqualTo(2);
            assertThat(dryRun.get("selected").asInt()).isEqualTo(2);
            assertThat(bulkResponse("bulk-evict", filter, false, "dead letter test", "booking").json().get("code")
                                                                                       .asText())
                    .isEqualTo("confirmation_required");
            JsonNode done = bulk("bulk-evict", filter, false, "dead letter test: bulk eviction", "bookings");
            assertThat(done.get("selected").asInt()).as("what the dry run counted").isEqualTo(2);
            assertThat(done.get("results")).hasSize(2).allSatisfy(r -> {
                assertThat(r.get("outcome").asText()).isEqualTo("evicted");
                assertThat(r.get("letters").asLong()).isEqualTo(3);
            });
            assertThat(done.get("results").findValuesAsText("sequence"))
                    .containsExactlyInAnyOrderElementsOf(numbers.subList(1, 3));
            assertThat(parked(admin, "processor=bookings&fingerprint=" + fingerprint + "&from=" + before)
                               .get("total").asLong()).isZero();
            assertThat(bookingRows(numbers.get(1)) + bookingRows(numbers.get(2))).isZero();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    admin.get("/api/admin/operations?action=evict&target=bookings&size=5").json().get("items")
                         .findValuesAsText("reason"))
                    .contains("dead letter test: drop the placement", "dead letter test: bulk eviction"));
        } finally {
            refused.accept();
        }
    }

    private long bookingRows(String number) {
        return jdbc.sql("SELECT count(*) FROM booking WHERE booking_number = ?").param(number).query(Long.class)
                   .single();
    }

    private ApiResponse bulkResponse(String action, Map<String, Object> filter, boolean dryRun, String reason,
                                     String confirm) {
        Map<String, Object> body = new LinkedHashMap<>(filter);
        body.put("dry_run", dryRun);
        if (reason != null) {
            body.put("reason", reason);
        }
        if (confirm != null) {
            body.put("confirm", confirm);
        }
        return admin.post("/api/admin/dead-letters/" + action, json(body));
    }

    private JsonNode bulk(String action, Map<String, Object> filter, boolean dryRun, String reason, String confirm) {
        ApiResponse response = bulkResponse(action, filter, dryRun, reason, confirm);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
