package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationKind;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.tandem.api.notification.NotificationCommands.notificationId;
import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notification list over HTTP: keyset paging in both orders, reading one or all, and nobody reading or
 * marking another user's notifications. Notifications are sent with the command the feature triggers use.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class NotificationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    private ApiClient alice;
    private ApiClient bob;
    private String aliceId;

    @BeforeEach
    void setUp() {
        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + port);
        String aliceEmail = "alice-" + UUID.randomUUID() + "@example.com";
        aliceId = SignUps.signUp(anonymous, aliceEmail, "secret123", "A")
                           .json().get("user_id").asText();
        alice = anonymous.as(token(anonymous, aliceEmail));
        String bobEmail = "bob-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(anonymous, bobEmail, "secret123", "B");
        bob = anonymous.as(token(anonymous, bobEmail));
    }

    private static String token(ApiClient anonymous, String email) {
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", "secret123")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }

    private String send(String cause) {
        String id = notificationId(cause, aliceId);
        commands.sendAndWait(new SendNotificationCommand(id, aliceId, NotificationKind.COMMENT_ADDED, "New comment",
                                                         "Someone commented on your post.", "post-" + cause));
        return id;
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(n -> n.get("id").asText()).toList();
    }

    private static List<String> reversed(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        Collections.reverse(copy);
        return copy;
    }

    private List<String> walk(String order, int size) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = alice.get("/api/notifications?order=" + order + "&size=" + size
                                         + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            seen.addAll(ids(page.json()));
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText(null);
        } while (cursor != null);
        return seen;
    }

    @Test
    void notificationsArePagedNewestFirstOrUnreadFirstAndReadOnce() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(send(UUID.randomUUID().toString()));
        }
        String repeatedCause = UUID.randomUUID().toString();
        sent.add(send(repeatedCause));
        send(repeatedCause);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(alice.get("/api/notifications").json().get("unread_count").asLong()).isEqualTo(7));
        List<String> newest = walk("newest", 2);
        assertThat(newest).containsExactlyElementsOf(reversed(sent));

        assertThat(alice.post("/api/notifications/" + sent.get(6) + "/read", "").status()).isEqualTo(204);
        assertThat(alice.post("/api/notifications/" + sent.get(6) + "/read", "").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(alice.get("/api/notifications").json().get("unread_count").asLong()).isEqualTo(6));
        List<String> unreadFirst = walk("unread_first", 3);
        assertThat(unreadFirst).hasSize(7).last().isEqualTo(sent.get(6));
        assertThat(unreadFirst.subList(0, 6)).containsExactlyElementsOf(reversed(sent.subList(0, 6)));

        assertThat(alice.post("/api/notifications/read-all", "").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(alice.get("/api/notifications").json().get("unread_count").asLong()).isZero());
        assertThat(alice.get("/api/notifications?size=100").json().get("items"))
                .allSatisfy(item -> assertThat(item.get("read").asBoolean()).isTrue());

        String later = send(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode page = alice.get("/api/notifications?order=unread_first&size=1").json();
            assertThat(ids(page)).containsExactly(later);
            assertThat(page.get("unread_count").asLong()).isEqualTo(1);
        });
    }

    @Test
    void nobodyReadsOrMarksAnotherUsersNotifications() {
        String id = send(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(ids(alice.get("/api/notifications").json())).contains(id));
        assertThat(ids(bob.get("/api/notifications").json())).isEmpty();
        ApiResponse stranger = bob.post("/api/notifications/" + id + "/read", "");
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.json().get("code").asText()).isEqualTo("notification_not_found");
        assertThat(bob.post("/api/notifications/" + UUID.randomUUID() + "/read", "").status()).isEqualTo(404);
        assertThat(alice.post("/api/notifications/not-a-uuid/read", "").status()).isEqualTo(400);
    }

    @Test
    void badPagingIsRefused() {
        assertThat(alice.get("/api/notifications?size=0").status()).isEqualTo(400);
        assertThat(alice.get("/api/notifications?size=101").status()).isEqualTo(400);
        assertThat(alice.get("/api/notifications?order=oldest").json().get("code").asText())
                .isEqualTo("invalid_order");
        ApiResponse cursor = alice.get("/api/notifications?cursor=bm9wZQ");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().get("code").asText()).isEqualTo("invalid_cursor");
        assertThat(alice.get("/api/notifications?order=unread_first&cursor=%25%25").status()).isEqualTo(400);
    }
}
