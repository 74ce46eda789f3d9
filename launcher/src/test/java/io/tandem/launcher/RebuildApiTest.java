package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.util.List;

import static io.tandem.launcher.RebuildRequests.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blue/green rebuilds of the bookings read model over HTTP with every side in one JVM: a rebuild is verified and
 * switched in, rolled back and dropped while readers hammer the bookings API, with no error and no empty read; a
 * verify-only run finds a row corrupted by hand; an auto_switch run switches by itself; bad requests get their 4xx.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class RebuildApiTest {

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

    private List<String> rows(List<String> numbers) {
        return jdbc.sql("SELECT to_jsonb(b)::text FROM booking b WHERE booking_number = ANY (?) ORDER BY 1")
                   .param(numbers.toArray(String[]::new)).query(String.class).list();
    }

    private long bookingTable() {
        return jdbc.sql("SELECT 'booking'::regclass::oid::bigint").query(Long.class).single();
    }

    @Test
    void aRebuildOfBookingsIsVerifiedSwitchedRolledBackAndDroppedWhileReadersHammerIt() throws Exception {
        TravellerBookings bookings = TravellerBookings.confirmed(anonymous, admin, 3);
        List<String> before = rows(bookings.numbers());
        long liveTable = bookingTable();
        String rebuildId;
        JsonNode verified;
        try (HammeringReaders readers = new HammeringReaders(bookings, 3)) {
            rebuildId = RebuildRequests.start(admin, "bookings", "rebuild test: new version of bookings", false);
            verified = RebuildRequests.awaitState(admin, "bookings", rebuildId, "VERIFIED");
            assertThat(verified.get("verification").get("summary").asText()).isEqualTo("0 rows differ");
            JsonNode table = verified.get("verification").get("tables").get(0);
            assertThat(table.get("table").asText()).isEqualTo("booking");
            assertThat(table.get("rebuilt_rows").asLong()).isEqualTo(table.get("live_rows").asLong())
                                                          .isGreaterThanOrEqualTo(3);
            assertThat(verified.get("actions")).extracting(JsonNode::asText).containsExactly("switch", "drop");
            assertThat(bookingTable()).as("nothing swapped before the switch").isEqualTo(liveTable);

            ApiResponse switched = RebuildRequests.act(admin, "bookings", rebuildId, "switch",
                                                       "rebuild test: serve the new version", null);
            assertThat(switched.status()).as(switched.toString()).isEqualTo(202);
            JsonNode serving = RebuildRequests.awaitState(admin, "bookings", rebuildId, "SWITCHED");
            assertThat(serving.get("actions")).extracting(JsonNode::asText).containsExactly("rollback", "drop");
            assertThat(bookingTable()).as("the rebuilt table serves").isNotEqualTo(liveTable);
            awaitMoreReads(readers);

            TravellerBookings later = TravellerBookings.confirmed(anonymous, admin, 1);
            assertThat(rows(later.numbers())).as("the live processor goes on in the new tables").hasSize(1);

            assertThat(RebuildRequests.act(admin, "bookings", rebuildId, "rollback",
                                           "rebuild test: back to the previous version", null).status())
                    .isEqualTo(202);
            RebuildRequests.awaitState(admin, "bookings", rebuildId, "ROLLED_BACK");
            assertThat(bookingTable()).as("the previous table serves again").isEqualTo(liveTable);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(rows(later.numbers()))
                    .as("it caught up with what happened since the switch").hasSize(1));
            awaitMoreReads(readers);

            readers.close();
            assertThat(readers.errors()).as("errors of " + readers.reads() + " reads").isEmpty();
            assertThat(readers.emptyReads()).as("empty reads of " + readers.reads() + " reads").isEmpty();
        }
        assertThat(rows(bookings.numbers())).as("every version holds the same rows").isEqualTo(before);

        ApiResponse unconfirmed = RebuildRequests.act(admin, "bookings", rebuildId, "drop", "rebuild test: done",
                                                      null);
        assertThat(unconfirmed.status()).as(unconfirmed.toString()).isEqualTo(400);
        assertThat(unconfirmed.json().get("code").asText()).isEqualTo("confirmation_required");
        assertThat(RebuildRequests.act(admin, "bookings", rebuildId, "drop", "rebuild test: done", "bookings")
                                  .status()).isEqualTo(202);
        RebuildRequests.awaitState(admin, "bookings", rebuildId, "DROPPED");
        String schema = verified.get("shadow_schema").asText();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = ?").param(schema)
                       .query(Long.class).single()).as("the other version is gone").isZero();
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode logged = admin.get("/api/admin/operations?target=bookings&size=10").json().get("items");
            assertThat(logged.findValuesAsText("action")).contains("rebuild", "switch", "rollback", "drop");
            assertThat(logged.findValuesAsText("reason")).contains("rebuild test: new version of bookings",
                                                                   "rebuild test: serve the new version",
                                                                   "rebuild test: back to the previous version");
        });
    }

    private static void awaitMoreReads(HammeringReaders readers) {
        long now = readers.reads();
        await().atMost(PATIENCE).until(() -> readers.reads() >= now + 20);
    }

    @Test
    void aVerifyOnlyRunFindsARowCorruptedByHand() {
        TravellerBookings bookings = TravellerBookings.confirmed(anonymous, admin, 1);
        String number = bookings.numbers().get(0);
        jdbc.sql("UPDATE booking SET amount = amount + 1 WHERE booking_number = ?").param(number).update();
        try {
            String rebuildId = RebuildRequests.start(admin, "bookings", "rebuild test: audit bookings", true);
            JsonNode done = RebuildRequests.awaitState(admin, "bookings", rebuildId, "DONE");
            JsonNode report = done.get("verification");
            assertThat(report.get("differing_rows").asLong()).as(report.toString()).isEqualTo(1);
            assertThat(report.get("summary").asText()).isEqualTo("1 row differs (booking: 1)");
            JsonNode example = report.get("tables").get(0).get("examples").get(0);
            assertThat(example.get("key").get("booking_number").asText()).isEqualTo(number);
            assertThat(example.get("difference").asText()).isEqualTo("changed");
            assertThat(example.get("columns")).extracting(JsonNode::asText).containsExactly("amount");
            assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = ?")
                           .param(done.get("shadow_schema").asText()).query(Long.class).single())
                    .as("a verify-only run keeps nothing").isZero();
        } finally {
            jdbc.sql("UPDATE booking SET amount = amount - 1 WHERE booking_number = ?").param(number).update();
        }
    }

    @Test
    void anAutoSwitchRebuildSwitchesByItselfWhenNothingDiffers() {
        List<String> before = airports();
        long liveTable = jdbc.sql("SELECT 'airport'::regclass::oid::bigint").query(Long.class).single();
        ApiResponse started = RebuildRequests.request(admin, "airports", "rebuild test: auto switch", false, true);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("auto_switch").asBoolean()).isTrue();
        String rebuildId = started.json().get("rebuild_id").asText();

        JsonNode switched = RebuildRequests.awaitState(admin, "airports", rebuildId, "SWITCHED");
        assertThat(switched.get("verification").get("differing_rows").asLong()).isZero();
        assertThat(switched.get("switch_action_id").asText()).isNotBlank();
        assertThat(switched.get("actions")).extracting(JsonNode::asText).containsExactly("rollback", "drop");
        assertThat(jdbc.sql("SELECT 'airport'::regclass::oid::bigint").query(Long.class).single())
                .as("the rebuilt table serves, with no one asking for the switch").isNotEqualTo(liveTable);
        assertThat(airports()).as("the rebuilt version holds the same rows").isEqualTo(before);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode logged = admin.get("/api/admin/operations?action=switch&target=airports&size=5").json()
                                   .get("items");
            assertThat(logged.findValuesAsText("reason"))
                    .contains("verified with no difference: rebuild test: auto switch");
        });

        assertThat(RebuildRequests.act(admin, "airports", rebuildId, "drop", "rebuild test: done", "airports")
                                  .status()).isEqualTo(202);
        RebuildRequests.awaitState(admin, "airports", rebuildId, "DROPPED");
    }

    private List<String> airports() {
        return jdbc.sql("SELECT to_jsonb(a)::text FROM airport a ORDER BY 1").query(String.class).list();
    }

    @Test
    void badRequestsGetTheirStatusAndOnlyAdministratorsRebuild() {
        ApiResponse unknown = RebuildRequests.request(admin, "no-such-projection", "rebuild test", false);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("processor_not_found");
        ApiResponse unsupported = RebuildRequests.request(admin, "booking-search", "rebuild test", false);
        assertThat(unsupported.status()).as(unsupported.toString()).isEqualTo(409);
        assertThat(unsupported.json().get("code").asText()).isEqualTo("rebuild_not_supported");
        ApiResponse noReason = RebuildRequests.request(admin, "airports", " ", false);
        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
        assertThat(noReason.json().get("code").asText()).isEqualTo("reason_required");
        ApiResponse noRebuild = admin.get(RebuildRequests.path("airports") + "/no-such-rebuild");
        assertThat(noRebuild.status()).isEqualTo(404);
        assertThat(noRebuild.json().get("code").asText()).isEqualTo("rebuild_not_found");

        String first = RebuildRequests.start(admin, "airports", "rebuild test: first", false);
        ApiResponse second = RebuildRequests.request(admin, "airports", "rebuild test: second", false);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isIn("rebuild_in_progress", "previous_version_retained");
        ApiResponse early = RebuildRequests.act(admin, "airports", first, "rollback", "rebuild test", null);
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.json().get("code").asText()).isEqualTo("rebuild_state_conflict");
        RebuildRequests.awaitState(admin, "airports", first, "VERIFIED");
        assertThat(RebuildRequests.act(admin, "airports", first, "drop", "rebuild test: not needed", "airports")
                                  .status()).isEqualTo(202);
        RebuildRequests.awaitState(admin, "airports", first, "DROPPED");

        OperationsAccounts.Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        OperationsAccounts.Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        OperationsAccounts.Account user = OperationsAccounts.withRole(anonymous, null);
        assertThat(auditor.api().get("/api/admin/projections").status()).isEqualTo(200);
        assertThat(auditor.api().get(RebuildRequests.path("airports") + "/" + first).status()).isEqualTo(200);
        assertThat(user.api().get("/api/admin/projections").status()).isEqualTo(403);
        for (OperationsAccounts.Account refused : List.of(operator, auditor, user)) {
            assertThat(RebuildRequests.request(refused.api(), "airports", "rebuild test", false).status())
                    .as(refused.email()).isEqualTo(403);
        }
        JsonNode projections = admin.get("/api/admin/projections").json();
        assertThat(projections.findValuesAsText("name")).contains("bookings", "airports", "couples")
                                                         .doesNotContain("booking-search");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                admin.get("/api/admin/operations?action=rebuild&target=no-such-projection").json().get("items")
                     .get(0).get("outcome").asText()).isEqualTo("REFUSED"));
    }
}
