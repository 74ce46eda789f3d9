package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator log over HTTP with every side in one JVM: pausing and resuming a processor are recorded with who,
 * from where, why, how they ended and how long they took; a refused action is recorded as refused; the log filters,
 * pages by cursor and exports as NDJSON; auditors read it, users cannot.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class OperatorLogTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private ApiClient anonymous;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
    }

    private static String query(Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return "?" + String.join("&", pairs);
    }

    private static JsonNode entries(ApiClient as, Map<String, String> filter) {
        ApiResponse page = as.get("/api/admin/operations" + query(filter));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().get("items");
    }

    @Test
    void pauseAndResumeAreLoggedWithWhoWhereWhyOutcomeAndDuration() {
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        Instant before = Instant.now().minusSeconds(1);
        assertThat(operator.api().post("/api/admin/processors/airports/pause",
                                       json(Map.of("reason", "log test: hold airports"))).status()).isEqualTo(202);
        assertThat(operator.api().post("/api/admin/processors/airports/resume",
                                       json(Map.of("reason", "log test: carry on"))).status()).isEqualTo(202);
        ApiResponse unknown = operator.api().post("/api/admin/processors/no-such-processor/pause",
                                                  json(Map.of("reason", "log test: typo")));
        assertThat(unknown.status()).isEqualTo(404);

        Map<String, String> mine = Map.of("actor", operator.userId(), "from", before.toString());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(entries(operator.api(), mine)).hasSize(3));
        JsonNode log = entries(operator.api(), mine);
        JsonNode refused = log.get(0);
        assertThat(refused.get("action").asText()).isEqualTo("pause");
        assertThat(refused.get("target").asText()).isEqualTo("no-such-processor");
        assertThat(refused.get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("detail").asText()).startsWith("processor_not_found");

        JsonNode resumed = log.get(1);
        assertThat(resumed.get("action").asText()).isEqualTo("resume");
        assertThat(resumed.get("reason").asText()).isEqualTo("log test: carry on");
        JsonNode paused = log.get(2);
        assertThat(paused.get("action").asText()).isEqualTo("pause");
        assertThat(paused.get("target").asText()).isEqualTo("airports");
        assertThat(paused.get("reason").asText()).isEqualTo("log test: hold airports");
        for (JsonNode done : List.of(paused, resumed)) {
            assertThat(done.get("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(done.get("actor_id").asText()).isEqualTo(operator.userId());
            assertThat(done.get("client_address").asText()).isEqualTo("127.0.0.1");
            assertThat(done.get("detail").asText()).startsWith("control version ");
            assertThat(done.get("duration_ms").asLong(-1)).isNotNegative();
            assertThat(Instant.parse(done.get("finished_at").asText()))
                    .isAfterOrEqualTo(Instant.parse(done.get("started_at").asText()));
        }
    }

    @Test
    void filtersPagesByCursorAndExportsNdjson() {
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            for (String action : List.of("pause", "resume")) {
                assertThat(operator.api().post("/api/admin/processors/vehicles/" + action,
                                               json(Map.of("reason", "paging " + i))).status()).isEqualTo(202);
            }
        }
        Map<String, String> mine = Map.of("actor", operator.userId(), "from", before.toString());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(entries(operator.api(), mine)).hasSize(6));

        JsonNode pauses = entries(operator.api(), Map.of("actor", operator.userId(), "action", "pause",
                                                         "target", "vehicles", "outcome", "succeeded"));
        assertThat(pauses).hasSize(3).allSatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("pause"));
        assertThat(entries(operator.api(), Map.of("actor", operator.userId(), "to", before.toString()))).isEmpty();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> slice = new LinkedHashMap<>(mine);
            slice.put("size", "4");
            if (cursor != null) {
                slice.put("cursor", cursor);
            }
            JsonNode page = operator.api().get("/api/admin/operations" + query(slice)).json();
            page.get("items").forEach(item -> paged.add(item.get("action_id").asText()));
            cursor = page.path("next_cursor").isTextual() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        List<String> all = new ArrayList<>();
        entries(operator.api(), mine).forEach(item -> all.add(item.get("action_id").asText()));
        assertThat(paged).containsExactlyElementsOf(all);

        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        ApiResponse export = auditor.api().get("/api/admin/operations/export" + query(mine));
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<String> exported = export.body().lines().map(OperatorLogTest::actionId).toList();
        assertThat(exported).containsExactlyElementsOf(all);
    }

    @Test
    void refusesMalformedFiltersAndKeepsTheLogFromUsers() {
        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        for (String bad : List.of("?from=yesterday", "?to=2026-13-01T00:00:00Z", "?outcome=maybe",
                                  "?from=2026-12-06T10:00:00Z&to=2026-12-06T09:00:00Z", "?cursor=%21%21",
                                  "?size=1000")) {
            ApiResponse refused = auditor.api().get("/api/admin/operations" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(auditor.api().get("/api/admin/operations/export?from=nope").status()).isEqualTo(400);

        Account user = OperationsAccounts.withRole(anonymous, null);
        assertThat(user.api().get("/api/admin/operations").status()).isEqualTo(403);
        assertThat(user.api().get("/api/admin/operations/export").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/admin/operations").status()).isEqualTo(401);
        assertThat(anonymous.get("/v3/api-docs").json().get("paths").has("/api/admin/operations/export")).isTrue();
    }

    private static String actionId(String line) {
        try {
            return JSON.readTree(line).get("action_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
