package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SharedElasticsearch;
import io.tandem.testsupport.SharedPostgres;
import io.tandem.testsupport.SseTestClient;
import io.tandem.testsupport.StompTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;

import static io.tandem.testsupport.ApiClient.json;
import static io.tandem.testsupport.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged launchers, as two nodes behind a load balancer without sticky sessions, sharing one PostgreSQL
 * (the event store) and one Elasticsearch: a couple linked through node B reads on both nodes as soon as the link
 * answers, a chat message sent through node A reaches a socket on node B, a read receipt goes back the other way,
 * and a plan reminder produced on A reaches an event stream on B. Neither node ever polls the event store (its
 * fallback fetch is an hour away): each learns of the other's events from PostgreSQL's commit notifications. Then a
 * replay started on node A pauses and resumes the processor on both nodes with no manual step, and node B finishes
 * it after node A, having taken at least one step of the plan, is killed in the middle of it. The nodes start once
 * for both tests (each start costs a minute); the kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeRealtimeIT {

    @TempDir
    static Path nodeAData;
    @TempDir
    static Path nodeBData;

    private static String database;
    private static LauncherProcess nodeA;
    private static LauncherProcess nodeB;
    private static ApiClient a;
    private static ApiClient b;

    @BeforeAll
    static void startTwoNodes() throws IOException {
        database = SharedPostgres.newDatabase();
        String jwtSecret = randomKey();
        String[] shared = {"--spring.datasource.url=" + database,
                           "--spring.datasource.username=" + SharedPostgres.USERNAME,
                           "--tandem.search.url=" + SharedElasticsearch.httpUrl(),
                           "--tandem.security.jwt.secret=" + jwtSecret,
                           "--tandem.events.fallback-fetch-interval=1h",
                           "--tandem.admin.email=" + OperationsAccounts.ADMIN_EMAIL,
                           "--tandem.admin.password=" + OperationsAccounts.ADMIN_PASSWORD,
                           LauncherProcess.MAIL_HOST, LauncherProcess.mailPort()};
        nodeA = new LauncherProcess(nodeAData, shared);
        nodeB = new LauncherProcess(nodeBData, shared);
        a = nodeA.start();
        b = nodeB.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    record User(String id, String token) {
    }

    @Test
    @Order(1)
    void chatAndNotificationsCrossNodes() throws Exception {
        User jisoo = signUp(a);
        User minho = signUp(b);
        ApiResponse invite = a.as(jisoo.token()).post("/api/couple/invite", "{}");
        assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
        ApiResponse matched = b.as(minho.token()).post("/api/couple/match",
                                                        json(Map.of("code", invite.json().get("code").asText())));
        assertThat(matched.status()).as(matched.toString()).isEqualTo(200);
        String room = "/topic/couples/" + matched.json().get("couple_id").asText() + "/chat";
        // read-your-own-write across nodes: whichever node runs the couples projection has the couple by now
        assertThat(a.as(jisoo.token()).get("/api/couple/info").status()).isEqualTo(200);
        assertThat(b.as(minho.token()).get("/api/couple/info").status()).isEqualTo(200);

        try (StompTestClient jisooOnA = StompTestClient.connect(ws(a), jisoo.token());
             StompTestClient minhoOnB = StompTestClient.connect(ws(b), minho.token());
             SseTestClient minhosStreamOnB = SseTestClient.open(b.baseUrl() + "/api/notifications/stream",
                                                                minho.token(), null)) {
            BlockingQueue<JsonNode> roomOnA = jisooOnA.subscribe(room);
            BlockingQueue<JsonNode> acksOnA = jisooOnA.subscribe("/user/queue/chat/acks");
            BlockingQueue<JsonNode> roomOnB = minhoOnB.subscribe(room);

            jisooOnA.send("/app/chat/send", Map.of("text", "B 노드에서 보여?", "client_message_id", "1"));
            String messageId = next(acksOnA).get("message_id").asText();
            JsonNode delivered = next(roomOnB);
            assertThat(delivered.get("message_id").asText()).isEqualTo(messageId);
            assertThat(delivered.get("text").asText()).isEqualTo("B 노드에서 보여?");

            minhoOnB.send("/app/chat/read", Map.of("message_id", messageId));
            JsonNode ownEcho = next(roomOnA);
            assertThat(ownEcho.get("message_id").asText()).isEqualTo(messageId);
            JsonNode receipt = next(roomOnA);
            assertThat(receipt.get("type").asText()).isEqualTo("read");
            assertThat(receipt.get("reader_id").asText()).isEqualTo(minho.id());

            ApiResponse plan = a.as(jisoo.token()).post("/api/plan", json(Map.of(
                    "title", "한강 피크닉", "place", "여의도",
                    "time", OffsetDateTime.now(ZoneOffset.ofHours(9)).plusHours(1).truncatedTo(ChronoUnit.SECONDS)
                                          .toString())));
            assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
            // the couple-matched notification may still be on its way; the reminder follows it
            SseTestClient.Event event = minhosStreamOnB.next();
            if (event.data().get("kind").asText().equals("COUPLE_MATCHED")) {
                event = minhosStreamOnB.next();
            }
            assertThat(event.data().get("kind").asText()).isEqualTo("PLAN_REMINDER");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    b.as(minho.token()).get("/api/chat/messages").json().get("items").get(0)
                     .get("message_id").asText()).isEqualTo(messageId));
        }

        // signing out on node A ends the access token on node B too, within B's cache time (5 s; security review L9)
        assertThat(b.as(jisoo.token()).get("/api/couple/info").status()).isEqualTo(200);
        assertThat(a.as(jisoo.token()).post("/api/auth/signout", "{}").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                b.as(jisoo.token()).get("/api/couple/info").status()).isEqualTo(401));
    }

    /**
     * A replay of user-profiles asked of node A: both nodes pause it (each acknowledges the plan's pause version),
     * and when A is killed in the middle of the plan, node B takes the plan over once A's lease runs out, resets,
     * resumes and finishes it; the read model ends as it was.
     */
    @Test
    @Order(2)
    void aReplayStartedOnNodeAPausesBothNodesAndNodeBFinishesItAfterAIsKilled() throws Exception {
        signUp(a);
        signUp(b);
        ApiClient adminOnA = OperationsAccounts.admin(a);
        ApiClient adminOnB = OperationsAccounts.admin(b);
        String nodeAId = nodeA.pid() + "@";
        String nodeBId = nodeB.pid() + "@";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                instances(adminOnB, "user-profiles")).anyMatch(id -> id.startsWith(nodeAId))
                                                     .anyMatch(id -> id.startsWith(nodeBId)));
        List<String> before = userProfiles();

        String replayId = ReplayRequests.start(adminOnA, "user-profiles", "tail", "two nodes: rebuild profiles",
                                               false);
        awaitFirstStepBy(adminOnB, replayId, nodeAId);
        nodeA.kill();

        JsonNode done = ReplayRequests.awaitDone(adminOnB, "user-profiles", replayId);
        List<String> nodes = new ArrayList<>();
        List<String> stepsByB = new ArrayList<>();
        done.get("transitions").forEach(step -> {
            nodes.add(step.get("node").asText());
            if (step.get("node").asText().startsWith(nodeBId)) {
                stepsByB.add(step.get("state").asText());
            }
        });
        int firstByB = nodes.indexOf(nodes.stream().filter(id -> id.startsWith(nodeBId)).findFirst().orElse(""));
        assertThat(firstByB).as("node A took a step past REQUESTED, then node B the rest: " + done.get("transitions"))
                            .isGreaterThan(1);
        assertThat(nodes.subList(0, firstByB)).allMatch(id -> id.startsWith(nodeAId));
        assertThat(nodes.subList(firstByB, nodes.size())).allMatch(id -> id.startsWith(nodeBId));
        assertThat(stepsByB).as("node B finished the plan A started: " + done.get("transitions"))
                            .contains("RESETTING", "STARTING", "REPLAYING", "DONE");
        long resumeVersion = done.get("resume_version").asLong();
        assertThat(resumeVersion).isGreaterThan(done.get("pause_version").asLong());
        JsonNode onB = processor(adminOnB, "user-profiles");
        assertThat(onB.get("control").get("state").asText()).isEqualTo("RUNNING");
        assertThat(onB.get("instances")).anySatisfy(instance -> {
            assertThat(instance.get("node_id").asText()).startsWith(nodeBId);
            assertThat(instance.get("running").asBoolean()).isTrue();
            assertThat(instance.get("applied_control_version").asLong()).isEqualTo(resumeVersion);
        });
        assertThat(userProfiles()).as("the replay rebuilt the same rows").isEqualTo(before);
    }

    /**
     * Waits until the node named took a step of the plan past REQUESTED (which the node asked records), so a kill of
     * that node lands in the middle of the plan; fails at once if the plan ended or another node works it.
     */
    private static void awaitFirstStepBy(ApiClient admin, String replayId, String nodeId) {
        await().atMost(ReplayRequests.PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode status = ReplayRequests.status(admin, "user-profiles", replayId);
            String state = status.get("state").asText();
            String executor = status.path("executor_node").asText("");
            if (state.equals("DONE") || state.equals("FAILED") || !executor.isEmpty() && !executor.startsWith(nodeId)) {
                throw new IllegalStateException("the plan should be in the middle, worked by " + nodeId + ": "
                                                + status);
            }
            return !state.equals("REQUESTED") && executor.startsWith(nodeId);
        });
    }

    private static JsonNode processor(ApiClient admin, String name) {
        for (JsonNode processor : admin.get("/api/admin/processors").json().get("processors")) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("the board does not list " + name);
    }

    private static List<String> instances(ApiClient admin, String processor) {
        List<String> nodes = new ArrayList<>();
        processor(admin, processor).get("instances").forEach(i -> nodes.add(i.get("node_id").asText()));
        return nodes;
    }

    private static List<String> userProfiles() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database, SharedPostgres.USERNAME, null);
             Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("SELECT to_jsonb(p)::text FROM user_profile p ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static String ws(ApiClient node) {
        return node.baseUrl().replace("http://", "ws://") + "/ws";
    }

    private static User signUp(ApiClient node) {
        String email = "two-nodes-" + UUID.randomUUID() + "@example.com";
        ApiResponse signedUp = SignUps.signUp(node, email, "secret123", "N");
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        ApiResponse login = node.post("/api/auth/login", json(Map.of("username", email, "password", "secret123")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new User(signedUp.json().get("user_id").asText(), login.json().get("access_token").asText());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
