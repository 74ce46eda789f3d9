package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.launcher.AuditedBookings.Placed;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.SseTestClient;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail's other ways in, over HTTP with every side in one JVM: the live tail resumed with
 * {@code Last-Event-ID}, search by user, correlation and global position, a user's requests and one request's
 * export; and a person erased after the fact, whose personal data reads as erased rather than failing.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class AuditReadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = OperationsAccounts.admin(anonymous);
    }

    private JsonNode ok(ApiClient client, String path) {
        ApiResponse response = client.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void aPaidBookingIsTailedFromWhereAClientLeftOffFoundEveryWayAndItsRequestExported() throws IOException {
        AuditedBookings bookings = new AuditedBookings(anonymous);
        Placed placed = bookings.place("3C", "Kim Minji");
        bookings.payAndAwaitConfirmation(placed.bookingNumber());
        String number = placed.bookingNumber();
        String events = "/api/admin/audit/events?aggregate_id=" + number;
        await().atMost(PATIENCE).until(() -> ok(admin, events).get("items").size() == 3);
        List<Long> positions = new ArrayList<>();
        list(ok(admin, events).get("items")).forEach(item -> positions.add(0, item.get("global_position").asLong()));

        String token = OperationsAccounts.token(anonymous, OperationsAccounts.ADMIN_EMAIL,
                                                OperationsAccounts.ADMIN_PASSWORD);
        try (SseTestClient tail = SseTestClient.open(anonymous.baseUrl() + "/api/admin/audit/events/stream"
                                                     + "?aggregate_id=" + number, token,
                                                     positions.get(0).toString())) {
            assertThat(tail.next().name()).isEqualTo("tail-open");
            SseTestClient.Event payment = tail.next();
            assertThat(payment.name()).isEqualTo("audit-event");
            assertThat(payment.id()).as("resumed after the placement").isEqualTo(positions.get(1).toString());
            assertThat(payment.data().get("event_type").asText()).isEqualTo("PaymentRecordedEvent");
            assertThat(tail.next().id()).isEqualTo(positions.get(2).toString());
        }

        JsonNode byUser = ok(admin, "/api/admin/audit/events?user_id=" + bookings.travellerId());
        assertThat(list(byUser.get("items"))).allSatisfy(item -> assertThat(item.get("user_id").asText())
                .isEqualTo(bookings.travellerId()));
        assertThat(byUser.get("items").findValuesAsText("global_position"))
                .as("the traveller's own requests: placing and paying")
                .contains(positions.get(0).toString(), positions.get(1).toString());
        JsonNode byCorrelation = ok(admin, "/api/admin/audit/events?correlation_id=" + placed.correlationId());
        assertThat(list(byCorrelation.get("items"))).allSatisfy(item -> assertThat(
                item.get("correlation_id").asText()).isEqualTo(placed.correlationId()));
        assertThat(byCorrelation.get("items").findValuesAsText("event_type"))
                .contains("BookingPlacedEvent").doesNotContain("PaymentRecordedEvent");
        JsonNode byPosition = ok(admin, "/api/admin/audit/events?from_position=" + positions.get(1)
                                        + "&to_position=" + positions.get(1));
        assertThat(list(byPosition.get("items"))).singleElement().satisfies(item -> {
            assertThat(item.get("aggregate_id").asText()).isEqualTo(number);
            assertThat(item.get("event_type").asText()).isEqualTo("PaymentRecordedEvent");
        });

        JsonNode requests = ok(admin, "/api/admin/audit/traces?user_id=" + bookings.travellerId());
        assertThat(requests.findValuesAsText("correlation_id")).contains(placed.correlationId());
        ApiResponse export = admin.get("/api/admin/audit/traces/" + placed.correlationId() + "/export?format=ndjson");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.body().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(line -> line.get("event_type").asText()).contains("BookingPlacedEvent");
        assertThat(lines).allSatisfy(line -> assertThat(line.at("/metadata/correlation_id").asText())
                .isEqualTo(placed.correlationId()));
        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        ApiResponse masked = auditor.api().get("/api/admin/audit/traces/" + placed.correlationId()
                                               + "/export?format=ndjson");
        assertThat(masked.body()).contains(number, "[masked]").doesNotContain("Kim Minji");
        assertThat(admin.get("/api/admin/audit/traces/" + UUID.randomUUID() + "/export").status()).isEqualTo(404);
    }

    @Test
    void anErasedPersonsDataReadsAsErasedToAdministratorsAndAuditorsAlike() {
        String email = "audit-erased-" + UUID.randomUUID() + "@example.com";
        String name = "Erased " + UUID.randomUUID();
        ApiResponse signedUp = SignUps.signUp(anonymous, email, OperationsAccounts.PASSWORD, name);
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        String userId = signedUp.json().get("user_id").asText();
        ApiClient user = anonymous.as(OperationsAccounts.token(anonymous, email, OperationsAccounts.PASSWORD));
        assertThat(user.patch("/api/user/profile", json(Map.of("nickname", "soon forgotten"))).status())
                .isEqualTo(200);
        String history = "/api/admin/audit/aggregates/" + userId + "/events";
        assertThat(ok(admin, history).toString()).contains(email, name, "soon forgotten");

        assertThat(user.delete("/api/user").status()).isEqualTo(204);

        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        for (ApiClient reader : List.of(admin, auditor.api())) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode erased = ok(reader, history);
                assertThat(erased.toString()).doesNotContain(email, name, "soon forgotten");
                List<JsonNode> events = list(erased.get("events"));
                assertThat(events.get(0).get("event_type").asText()).isEqualTo("UserSignedUpEvent");
                assertThat(events.get(0).at("/payload/email").asText()).isEqualTo("[erased]");
                assertThat(events.get(0).at("/payload/name").asText()).isEqualTo("[erased]");
                assertThat(events).anySatisfy(event -> {
                    assertThat(event.at("/payload/nickname").asText()).isEqualTo("[erased]");
                    assertThat(event.at("/metadata/client_ip").asText()).isEqualTo("[erased]");
                    assertThat(event.at("/metadata/user_id").asText()).isEqualTo(userId);
                });
            });
        }
    }
}
