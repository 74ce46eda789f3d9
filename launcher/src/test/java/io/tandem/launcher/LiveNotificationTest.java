package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationKind;
import io.tandem.platform.security.JwtProperties;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SseTestClient;
import io.tandem.testsupport.StompTestClient;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;

import static io.tandem.api.notification.NotificationCommands.notificationId;
import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Notifications pushed live: to STOMP sockets authenticated with the access token at CONNECT, and to Server-Sent
 * Event streams that replay what a reconnecting client missed.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class LiveNotificationTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;
    @Autowired
    JwtEncoder jwtEncoder;
    @Autowired
    JwtProperties jwtProperties;

    private String userId;
    private String token;

    @BeforeEach
    void signUp() {
        ApiClient anonymous = new ApiClient(http());
        String email = "live-" + UUID.randomUUID() + "@example.com";
        userId = SignUps.signUp(anonymous, email, "secret123", "L")
                          .json().get("user_id").asText();
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email,
                                                                          "password", "secret123")));
        token = login.json().get("access_token").asText();
    }

    private String http() {
        return "http://127.0.0.1:" + port;
    }

    private String ws() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    private String notify(String title) {
        String id = notificationId(UUID.randomUUID().toString(), userId);
        commands.sendAndWait(new SendNotificationCommand(id, userId, NotificationKind.PLAN_REMINDER, title,
                                                         "In two hours.", "plan-1"));
        return id;
    }

    @Test
    void aNotificationReachesTheRecipientsSocketAndNobodyElses() {
        try (StompTestClient recipient = StompTestClient.connect(ws(), token)) {
            BlockingQueue<JsonNode> received = recipient.subscribe("/user/queue/notifications");
            String id = notify("Dinner at 7");
            JsonNode pushed = StompTestClient.next(received);
            assertThat(pushed.get("id").asText()).isEqualTo(id);
            assertThat(pushed.get("kind").asText()).isEqualTo("PLAN_REMINDER");
            assertThat(pushed.get("title").asText()).isEqualTo("Dinner at 7");
            assertThat(pushed.get("read").asBoolean()).isFalse();
        }
    }

    @Test
    void connectingWithoutAValidTokenIsRefused() {
        assertThatThrownBy(() -> StompTestClient.connect(ws(), null)).isInstanceOf(StompTestClient.Refused.class);
        assertThatThrownBy(() -> StompTestClient.connect(ws(), "not-a-token"))
                .isInstanceOf(StompTestClient.Refused.class);
        Instant past = Instant.now().minusSeconds(3600);
        String expired = jwtEncoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer(jwtProperties.issuer()).subject(userId)
                            .issuedAt(past.minusSeconds(60)).expiresAt(past).claim("roles", List.of("USER"))
                            .build())).getTokenValue();
        assertThatThrownBy(() -> StompTestClient.connect(ws(), expired)).isInstanceOf(StompTestClient.Refused.class);
        assertThat(SseTestClient.status(http() + "/api/notifications/stream", null, null)).isEqualTo(401);
        assertThat(SseTestClient.status(http() + "/api/notifications/stream", expired, null)).isEqualTo(401);
    }

    @Test
    void subscribingToATopicNoFeatureOwnsIsRefused() {
        try (StompTestClient client = StompTestClient.connect(ws(), token)) {
            client.subscribe("/topic/anything");
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.errors().isEmpty());
            assertThat(client.errors().peek()).contains("forbidden");
        }
    }

    @Test
    void aReconnectingStreamGetsWhatItMissedInOrderThenLiveEvents() {
        String first;
        try (SseTestClient stream = SseTestClient.open(http() + "/api/notifications/stream", token, null)) {
            String id = notify("first");
            SseTestClient.Event event = stream.next();
            assertThat(event.name()).isEqualTo("notification");
            assertThat(event.data().get("id").asText()).isEqualTo(id);
            first = event.id();
        }
        String missedOne = notify("missed one");
        String missedTwo = notify("missed two");
        try (SseTestClient stream = SseTestClient.open(http() + "/api/notifications/stream", token, first)) {
            assertThat(stream.next().data().get("id").asText()).isEqualTo(missedOne);
            assertThat(stream.next().data().get("id").asText()).isEqualTo(missedTwo);
            String live = notify("live");
            assertThat(stream.next().data().get("id").asText()).isEqualTo(live);
        }
        assertThat(SseTestClient.status(http() + "/api/notifications/stream", token, "garbage!")).isEqualTo(400);
    }

    @Test
    void aBrowserEventSourceOpensItsStreamWithASingleUseTicketNeverTheToken() {
        ApiClient signedIn = new ApiClient(http()).as(token);
        assertThat(SseTestClient.status(http() + "/api/notifications/stream?access_token=" + token, null, null))
                .as("an access token in a URL ends up in access logs: refused").isEqualTo(401);
        ApiResponse issued = signedIn.post("/api/notifications/stream-ticket", "");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String ticket = http() + "/api/notifications/stream?ticket=" + issued.json().get("ticket").asText();
        try (SseTestClient stream = SseTestClient.open(ticket, null, null)) {
            String id = notify("by ticket");
            assertThat(stream.next().data().get("id").asText()).isEqualTo(id);
        }
        assertThat(SseTestClient.status(ticket, null, null)).as("a ticket opens one stream only").isEqualTo(401);
    }
}
