package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.StompTestClient;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.stream.StreamSupport;

import static io.tandem.testsupport.ApiClient.json;
import static io.tandem.testsupport.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The couple chat over real WebSockets: live delivery to the partner, acknowledgements with server ids, read
 * receipts live and in history, cursor-paged history, and every refusal.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ChatApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private ApiClient anonymous;

    record User(String id, String token, ApiClient api) {
    }

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
    }

    private String ws() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    private User signUp() {
        String email = "chat-" + UUID.randomUUID() + "@example.com";
        String id = SignUps.signUp(anonymous, email, "secret123", "C")
                             .json().get("user_id").asText();
        String token = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", "secret123")))
                                .json().get("access_token").asText();
        return new User(id, token, anonymous.as(token));
    }

    /** Links two new users; the read side knows their couple once the match answers. */
    private String couple(User inviter, User invitee) {
        ApiResponse invite = inviter.api().post("/api/couple/invite", "{}");
        assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
        ApiResponse matched = invitee.api().post("/api/couple/match",
                                                 json(Map.of("code", invite.json().get("code").asText())));
        assertThat(matched.status()).as(matched.toString()).isEqualTo(200);
        return matched.json().get("couple_id").asText();
    }

    private static String room(String coupleId) {
        return "/topic/couples/" + coupleId + "/chat";
    }

    private static List<String> ids(JsonNode history) {
        return StreamSupport.stream(history.get("items").spliterator(), false)
                            .map(item -> item.get("message_id").asText()).toList();
    }

    @Test
    void partnersChatLiveSeeReadReceiptsAndPageThroughHistory() {
        User jisoo = signUp();
        User minho = signUp();
        String coupleId = couple(jisoo, minho);
        try (StompTestClient jisooSocket = StompTestClient.connect(ws(), jisoo.token());
             StompTestClient minhoSocket = StompTestClient.connect(ws(), minho.token())) {
            BlockingQueue<JsonNode> jisooRoom = jisooSocket.subscribe(room(coupleId));
            BlockingQueue<JsonNode> jisooAcks = jisooSocket.subscribe("/user/queue/chat/acks");
            BlockingQueue<JsonNode> minhoRoom = minhoSocket.subscribe(room(coupleId));
            BlockingQueue<JsonNode> minhoAcks = minhoSocket.subscribe("/user/queue/chat/acks");

            List<String> sent = new ArrayList<>();
            for (String text : List.of("오늘 저녁 뭐 먹을까?", "파스타 어때", "좋아 7시에 만나", "❤️", "도착!")) {
                jisooSocket.send("/app/chat/send", Map.of("text", text, "client_message_id", "c-" + sent.size()));
                JsonNode ack = next(jisooAcks);
                assertThat(ack.get("client_message_id").asText()).isEqualTo("c-" + sent.size());
                assertThat(ack.get("couple_id").asText()).isEqualTo(coupleId);
                assertThat(ack.get("sent_at").asText()).isNotBlank();
                JsonNode delivered = next(minhoRoom);
                assertThat(delivered.get("type").asText()).isEqualTo("message");
                assertThat(delivered.get("message_id").asText()).isEqualTo(ack.get("message_id").asText());
                assertThat(delivered.get("sender_id").asText()).isEqualTo(jisoo.id());
                assertThat(delivered.get("text").asText()).isEqualTo(text);
                assertThat(next(jisooRoom).get("message_id").asText()).isEqualTo(ack.get("message_id").asText());
                sent.add(ack.get("message_id").asText());
            }

            String photo = jisoo.api().upload("/api/files", "file", "us.png", "image/png", TestImages.png(8, 8))
                                .json().get("file_id").asText();
            jisooSocket.send("/app/chat/send", Map.of("file_id", photo, "client_message_id", "photo"));
            String photoMessage = next(jisooAcks).get("message_id").asText();
            JsonNode photoDelivered = next(minhoRoom);
            assertThat(photoDelivered.get("file_id").asText()).isEqualTo(photo);
            next(jisooRoom);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    minho.api().get("/api/files/" + photo).status()).as("the recipient may see it").isEqualTo(200));
            assertThat(signUp().api().get("/api/files/" + photo).status()).as("nobody else").isEqualTo(404);

            String stored = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                                     + "WHERE aggregateidentifier = :id")
                                .param("id", sent.get(0)).query(String.class).single();
            assertThat(stored).as("the text is the sender's personal data, stored encrypted")
                              .contains("pd:v1:").doesNotContain("저녁");

            minhoSocket.send("/app/chat/read", Map.of("message_id", sent.get(3)));
            assertThat(next(minhoAcks).get("message_id").asText()).isEqualTo(sent.get(3));
            JsonNode receipt = next(jisooRoom);
            assertThat(receipt.get("type").asText()).isEqualTo("read");
            assertThat(receipt.get("reader_id").asText()).isEqualTo(minho.id());
            assertThat(receipt.get("message_id").asText()).isEqualTo(sent.get(3));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode history = jisoo.api().get("/api/chat/messages?size=10").json();
                assertThat(ids(history)).containsExactly(photoMessage, sent.get(4), sent.get(3), sent.get(2),
                                                         sent.get(1), sent.get(0));
                assertThat(history.path("partner_read_up_to").path("message_id").asText()).isEqualTo(sent.get(3));
                assertThat(history.get("items").get(1).get("read").asBoolean()).isFalse();
                assertThat(history.get("items").get(2).get("read").asBoolean()).isTrue();
                assertThat(history.get("items").get(2).get("mine").asBoolean()).isTrue();
            });

            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                ApiResponse page = minho.api().get("/api/chat/messages?size=2"
                                                   + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                paged.addAll(ids(page.json()));
                cursor = page.json().path("next_cursor").asText(null);
            } while (cursor != null);
            assertThat(paged).containsExactly(photoMessage, sent.get(4), sent.get(3), sent.get(2), sent.get(1),
                                              sent.get(0));
            JsonNode minhosView = minho.api().get("/api/chat/messages?size=1").json();
            assertThat(minhosView.get("items").get(0).get("mine").asBoolean()).isFalse();
            assertThat(minhosView.get("my_read_up_to").get("message_id").asText()).isEqualTo(sent.get(3));
        }
    }

    @Test
    void refusalsComeBackAsErrorFrames() {
        User hana = signUp();
        User dool = signUp();
        String coupleId = couple(hana, dool);
        User stranger = signUp();
        User strangersPartner = signUp();
        couple(stranger, strangersPartner);
        User single = signUp();

        try (StompTestClient hanaSocket = StompTestClient.connect(ws(), hana.token())) {
            BlockingQueue<JsonNode> errors = hanaSocket.subscribe("/user/queue/errors");
            BlockingQueue<JsonNode> acks = hanaSocket.subscribe("/user/queue/chat/acks");

            hanaSocket.send("/app/chat/send", Map.of("text", "x".repeat(2001)));
            JsonNode tooLong = next(errors);
            assertThat(tooLong.get("status").asInt()).isEqualTo(400);
            assertThat(tooLong.get("code").asText()).isEqualTo("message_too_long");

            hanaSocket.send("/app/chat/send", Map.of("text", " "));
            assertThat(next(errors).get("code").asText()).isEqualTo("empty_message");
            hanaSocket.send("/app/chat/send", Map.of("file_id", UUID.randomUUID().toString()));
            assertThat(next(errors).get("code").asText()).isEqualTo("invalid_file");
            hanaSocket.send("/app/chat/read", Map.of("message_id", UUID.randomUUID().toString()));
            assertThat(next(errors).get("code").asText()).isEqualTo("message_not_found");

            // a burst of 10, then 2 a second: 30 sends in a row could all pass only if they took 10 s
            for (int i = 0; i < 30; i++) {
                hanaSocket.send("/app/chat/send", Map.of("text", "spam " + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> acks.size() + errors.size() == 30);
            assertThat(errors).isNotEmpty().allSatisfy(error -> {
                assertThat(error.get("status").asInt()).isEqualTo(429);
                assertThat(error.get("code").asText()).isEqualTo("rate_limited");
            });
            assertThat(hanaSocket.isConnected()).as("refusals keep the connection open").isTrue();
        }

        try (StompTestClient strangerSocket = StompTestClient.connect(ws(), stranger.token())) {
            strangerSocket.subscribe(room(coupleId));
            await().atMost(Duration.ofSeconds(10)).until(() -> !strangerSocket.errors().isEmpty());
            assertThat(strangerSocket.errors().peek()).contains("forbidden");
        }
        // hana has spent her sending budget above, so her partner sends the message that follows the forgery
        try (StompTestClient hanaSocket = StompTestClient.connect(ws(), hana.token());
             StompTestClient doolSocket = StompTestClient.connect(ws(), dool.token());
             StompTestClient forger = StompTestClient.connect(ws(), stranger.token())) {
            BlockingQueue<JsonNode> hanasRoom = hanaSocket.subscribe(room(coupleId));
            forger.send(room(coupleId), Map.of("type", "message", "text", "forged"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !forger.errors().isEmpty());
            assertThat(forger.errors().peek()).contains("forbidden");
            doolSocket.send("/app/chat/send", Map.of("text", "real"));
            assertThat(next(hanasRoom).get("text").asText()).as("nothing forged arrived first").isEqualTo("real");
        }
        ApiResponse strangersHistory = stranger.api().get("/api/chat/messages");
        assertThat(strangersHistory.status()).isEqualTo(200);
        assertThat(strangersHistory.json().get("items")).isEmpty();

        try (StompTestClient singleSocket = StompTestClient.connect(ws(), single.token())) {
            BlockingQueue<JsonNode> errors = singleSocket.subscribe("/user/queue/errors");
            singleSocket.send("/app/chat/send", Map.of("text", "anyone?"));
            JsonNode alone = next(errors);
            assertThat(alone.get("status").asInt()).isEqualTo(404);
            assertThat(alone.get("code").asText()).isEqualTo("not_in_couple");
        }
        assertThat(single.api().get("/api/chat/messages").status()).isEqualTo(404);
        assertThat(hana.api().get("/api/chat/messages?cursor=broken").status()).isEqualTo(400);
        assertThat(hana.api().get("/api/chat/messages?size=500").status()).isEqualTo(400);
    }
}
