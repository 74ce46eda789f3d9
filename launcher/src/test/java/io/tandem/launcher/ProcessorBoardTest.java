package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SseTestClient;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processor board over HTTP with every side in one JVM: it lists every processor the sides configure, with lag
 * and dead letters; pausing and resuming goes through the control table to the processor; and the roles decide who
 * may read and who may act.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ProcessorBoardTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Map<String, String> SIDE_PROFILES = Map.of(
            "command", "application-command.yml", "query", "application-query.yml", "saga", "application-saga.yml");

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = OperationsAccounts.admin(anonymous);
    }

    private JsonNode board(ApiClient as) {
        ApiResponse board = as.get("/api/admin/processors");
        assertThat(board.status()).as(board.toString()).isEqualTo(200);
        return board.json();
    }

    private JsonNode processor(String name) {
        return StreamSupport.stream(board(admin).get("processors").spliterator(), false)
                            .filter(p -> p.get("name").asText().equals(name)).findFirst()
                            .orElseThrow(() -> new AssertionError("the board does not list " + name));
    }

    /** The processors each side's profile file configures, by name, with the side that configures it. */
    private static Map<String, String> configuredProcessors() throws IOException {
        Map<String, String> configured = new LinkedHashMap<>();
        for (var side : SIDE_PROFILES.entrySet()) {
            try (InputStream yaml = new ClassPathResource(side.getValue()).getInputStream()) {
                Map<String, Object> root = new Yaml().load(yaml);
                Map<?, ?> processors = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) root.get("axon")).get("eventhandling"))
                        .get("processors");
                // subscribing processors run in the publisher's unit of work: no token, no lag, not on the board
                processors.forEach((name, settings) -> {
                    if (!"subscribing".equals(((Map<?, ?>) settings).get("mode"))) {
                        configured.put((String) name, side.getKey());
                    }
                });
            }
        }
        return configured;
    }

    @Test
    void listsEveryConfiguredProcessorWithItsSideLagAndDeadLetters() throws IOException {
        Map<String, String> configured = configuredProcessors();
        assertThat(configured).hasSizeGreaterThan(15);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode board = board(admin);
            assertThat(board.path("head_position").asLong()).isPositive();
            assertThat(board.get("nodes")).anySatisfy(node -> assertThat(node.get("alive").asBoolean()).isTrue());
            Map<String, JsonNode> listed = new LinkedHashMap<>();
            board.get("processors").forEach(p -> listed.put(p.get("name").asText(), p));
            assertThat(listed).containsKeys(configured.keySet().toArray(String[]::new));
            configured.forEach((name, side) -> {
                JsonNode processor = listed.get(name);
                assertThat(processor.path("side").asText()).as(name).isEqualTo(side);
                assertThat(processor.path("mode").asText()).as(name).isEqualTo("pooled");
                assertThat(processor.path("lag_events").asLong(-1)).as(name).isNotNegative();
                assertThat(processor.path("lag_seconds").isNumber()).as(name).isTrue();
                assertThat(processor.get("dead_letters").asLong(-1)).as(name).isNotNegative();
                assertThat(processor.get("segments")).as(name).isNotEmpty();
                assertThat(processor.get("status").asText()).as(name)
                        .isIn("running", "replaying", "paused", "stalled", "error");
            });
        });
    }

    @Test
    void countsTheDeadLettersOfAProcessor() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue("file-metadata").orElseThrow();
        long before = processor("file-metadata").get("dead_letters").asLong();
        String sequence = "ops-board-test-" + UUID.randomUUID();
        queue.enqueue(sequence, new GenericDeadLetter<>(sequence, GenericEventMessage.asEventMessage("poison"),
                                                        new IllegalStateException("cannot handle poison")));
        try {
            JsonNode listed = processor("file-metadata");
            assertThat(listed.get("dead_letters").asLong()).isEqualTo(before + 1);
            assertThat(listed.get("dead_letter_sequences").asLong()).isPositive();
        } finally {
            List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
            queue.deadLetterSequence(sequence).forEach(letters::add);
            letters.forEach(queue::evict);
        }
        assertThat(processor("file-metadata").get("dead_letters").asLong()).isEqualTo(before);
    }

    @Test
    void pausingStopsTheProcessorEverywhereWhileItsLagGrowsAndResumingCatchesUp() {
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        ApiResponse paused = operator.api().post("/api/admin/processors/bookings/pause",
                                                 json(Map.of("reason", "board test: hold bookings")));
        assertThat(paused.status()).as(paused.toString()).isEqualTo(202);
        assertThat(paused.json().get("state").asText()).isEqualTo("PAUSED");
        long version = paused.json().get("version").asLong();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode bookings = processor("bookings");
                assertThat(bookings.get("status").asText()).isEqualTo("paused");
                assertThat(bookings.path("status_reason").asText()).isEqualTo("paused: board test: hold bookings");
                assertThat(bookings.get("instances")).allSatisfy(instance -> {
                    assertThat(instance.get("running").asBoolean()).isFalse();
                    assertThat(instance.path("applied_control_version").asLong(-1)).isEqualTo(version);
                });
            });
            OperationsAccounts.withRole(anonymous, null); // a sign-up: new events the paused processor does not see

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode bookings = processor("bookings");
                assertThat(bookings.path("lag_events").asLong()).isPositive();
                assertThat(bookings.path("lag_seconds").asDouble()).isPositive();
            });
        } finally {
            ApiResponse resumed = operator.api().post("/api/admin/processors/bookings/resume",
                                                      json(Map.of("reason", "board test: done")));
            assertThat(resumed.status()).as(resumed.toString()).isEqualTo(202);
            assertThat(resumed.json().get("version").asLong()).isEqualTo(version + 1);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode bookings = processor("bookings");
            assertThat(bookings.get("status").asText()).isEqualTo("running");
            assertThat(bookings.path("lag_events").asLong(-1)).isZero();
            assertThat(bookings.get("instances")).allSatisfy(
                    instance -> assertThat(instance.get("running").asBoolean()).isTrue());
        });
    }

    @Test
    void usersAreRefusedAuditorsReadOperatorsActAndTheRestOfAdminStaysWithAdmins() {
        Account user = OperationsAccounts.withRole(anonymous, null);
        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        String pause = "/api/admin/processors/airports/pause";
        String resume = "/api/admin/processors/airports/resume";
        String reason = json(Map.of("reason", "role matrix"));
        String stream = anonymous.baseUrl() + "/api/admin/processors/stream";
        String grant = "/api/admin/users/" + UUID.randomUUID() + "/roles";

        assertThat(anonymous.get("/api/admin/processors").status()).isEqualTo(401);
        ApiResponse refused = user.api().get("/api/admin/processors");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("forbidden");
        assertThat(user.api().post(pause, reason).status()).isEqualTo(403);
        assertThat(SseTestClient.status(stream, user.token(), null)).isEqualTo(403);

        assertThat(auditor.api().get("/api/admin/processors").status()).isEqualTo(200);
        assertThat(auditor.api().post(pause, reason).status()).isEqualTo(403);
        assertThat(auditor.api().post(resume, reason).status()).isEqualTo(403);
        assertThat(auditor.api().post(grant, json(Map.of("role", "ADMIN"))).status()).isEqualTo(403);
        try (SseTestClient live = SseTestClient.open(stream, auditor.token(), null)) {
            SseTestClient.Event first = live.next();
            assertThat(first.name()).isEqualTo("board");
            assertThat(first.data().get("processors")).isNotEmpty();
        }

        assertThat(operator.api().get("/api/admin/processors").status()).isEqualTo(200);
        assertThat(operator.api().post(pause, reason).status()).isEqualTo(202);
        assertThat(operator.api().post(resume, reason).status()).isEqualTo(202);
        assertThat(operator.api().post(grant, json(Map.of("role", "ADMIN"))).status()).isEqualTo(403);

        assertThat(admin.get("/api/admin/processors").status()).isEqualTo(200);
        assertThat(admin.post(pause, reason).status()).isEqualTo(202);
        assertThat(admin.post(resume, reason).status()).isEqualTo(202);
    }

    @Test
    void refusesUnknownProcessorsAndActionsWithoutAReason() {
        ApiResponse unknown = admin.post("/api/admin/processors/no-such-processor/pause",
                                         json(Map.of("reason", "typo")));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("code").asText()).isEqualTo("processor_not_found");

        for (String body : List.of("{}", json(Map.of("reason", "   ")))) {
            ApiResponse noReason = admin.post("/api/admin/processors/airports/pause", body);
            assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
            assertThat(noReason.json().get("code").asText()).isEqualTo("invalid_request");
            assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
        }
        assertThat(admin.post("/api/admin/processors/airports/resume", "").status()).isEqualTo(400);
        assertThat(processor("airports").has("control") && processor("airports").get("control").get("state")
                .asText().equals("PAUSED")).as("no refused request paused anything").isFalse();
    }

    @Test
    void theConsolePageLoadsWithoutATokenAndTheApiIsDocumented() {
        ApiResponse page = anonymous.get("/ops/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Tandem operations</title>");
        assertThat(anonymous.get("/ops").status()).isEqualTo(302);
        ApiResponse script = anonymous.get("/ops/js/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");

        JsonNode paths = anonymous.get("/v3/api-docs").json().get("paths");
        assertThat(paths.has("/api/admin/processors")).isTrue();
        assertThat(paths.has("/api/admin/processors/stream")).isTrue();
        assertThat(paths.has("/api/admin/processors/{name}/pause")).isTrue();
        assertThat(paths.has("/api/admin/processors/{name}/resume")).isTrue();
    }
}
