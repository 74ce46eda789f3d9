package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SharedElasticsearch;
import io.tandem.testsupport.SharedPostgres;
import io.tandem.testsupport.SseTestClient;
import io.tandem.testsupport.StompTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
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
 * fallback fetch is an hour away): each learns of the other's events from PostgreSQL's commit notifications.
 */
class TwoNodeRealtimeIT {

    @TempDir
    Path nodeAData;
    @TempDir
    Path nodeBData;

    private LauncherProcess nodeA;
    private LauncherProcess nodeB;

    @AfterEach
    void stop() throws InterruptedException {
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
    void chatAndNotificationsCrossNodes() throws Exception {
        String database = SharedPostgres.newDatabase();
        String jwtSecret = randomKey();
        String[] shared = {"--spring.datasource.url=" + database,
                           "--spring.datasource.username=" + SharedPostgres.USERNAME,
                           "--tandem.search.url=" + SharedElasticsearch.httpUrl(),
                           "--tandem.security.jwt.secret=" + jwtSecret,
                           "--tandem.events.fallback-fetch-interval=1h"};
        nodeA = new LauncherProcess(nodeAData, shared);
        nodeB = new LauncherProcess(nodeBData, shared);
        ApiClient a = nodeA.start();
        ApiClient b = nodeB.start();

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
    }

    private static String ws(ApiClient node) {
        return node.baseUrl().replace("http://", "ws://") + "/ws";
    }

    private static User signUp(ApiClient node) {
        String email = "two-nodes-" + UUID.randomUUID() + "@example.com";
        ApiResponse signedUp = node.post("/api/auth/signup", json(Map.of("email", email, "password", "secret123",
                                                                         "name", "N")));
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
