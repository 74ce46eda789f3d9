package io.tandem.launcher;

import io.tandem.platform.security.JwtProperties;
import io.tandem.query.live.LiveLimits;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SseTestClient;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live channels (STOMP sessions, notification streams) end with the token that opened them and when their user's
 * access changes (security review M4), cost a bounded amount each (M5), and never open without a token (L1).
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class LiveChannelsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder jwtEncoder;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    @Qualifier("clientInboundChannel")
    ExecutorSubscribableChannel inbound;
    @Autowired
    @Qualifier("clientOutboundChannel")
    ExecutorSubscribableChannel outbound;
    @Autowired
    LiveLimits limits;

    private ApiClient anonymous;
    private TestTokens tokens;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        tokens = new TestTokens(jwtEncoder, jwtProperties);
    }

    private String ws() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    private String stream() {
        return anonymous.baseUrl() + "/api/notifications/stream";
    }

    @Test
    void theStompAliasOfConnectNeedsATokenToo() {
        try (RawStomp stomp = RawStomp.open(ws())) {
            stomp.send("STOMP\naccept-version:1.2\nhost:tandem\n\n");
            assertThat(stomp.nextError()).contains("unauthenticated");
            assertThat(stomp.closedWithin(PATIENCE)).isTrue();
        }
    }

    @Test
    void socketsAndStreamsEndWhenTheirTokenExpires() {
        CoupleUsers.User user = CoupleUsers.signUp(anonymous, "Expiring");
        String shortLived = tokens.mint(user.id(), List.of("USER"), Duration.ofSeconds(3));
        try (RawStomp stomp = RawStomp.connect(ws(), shortLived);
             SseTestClient events = SseTestClient.open(stream(), shortLived, null)) {
            stomp.send("SUBSCRIBE\nid:0\ndestination:/user/queue/notifications\n\n");
            assertThat(stomp.nextError()).contains("expired");
            assertThat(stomp.closedWithin(PATIENCE)).isTrue();
            SseTestClient.Event end = events.next();
            assertThat(end.name()).isEqualTo("end");
            assertThat(end.data().get("code").asText()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void signingOutEndsTheUsersSocketsAndStreams() {
        CoupleUsers.User user = CoupleUsers.signUp(anonymous, "Leaving");
        String token = tokens.user(user.id());
        try (RawStomp stomp = RawStomp.connect(ws(), token);
             SseTestClient events = SseTestClient.open(stream(), token, null)) {
            assertThat(user.api().post("/api/auth/signout", "").status()).isEqualTo(204);
            assertThat(stomp.nextError()).contains("signed out");
            assertThat(stomp.closedWithin(PATIENCE)).isTrue();
            assertThat(events.next().name()).isEqualTo("end");
        }
    }

    @Test
    void aNewRoleAndErasureEndTheUsersSockets() {
        CoupleUsers.User promoted = CoupleUsers.signUp(anonymous, "Promoted");
        ApiClient admin = anonymous.as(tokens.admin(promoted.id()));
        try (RawStomp stomp = RawStomp.connect(ws(), tokens.user(promoted.id()))) {
            assertThat(admin.post("/api/admin/users/" + promoted.id() + "/roles", json(Map.of("role", "ADMIN")))
                            .status()).isEqualTo(204);
            assertThat(stomp.nextError()).contains("role changed");
        }
        CoupleUsers.User erased = CoupleUsers.signUp(anonymous, "Erased");
        try (RawStomp stomp = RawStomp.connect(ws(), tokens.user(erased.id()))) {
            assertThat(erased.api().delete("/api/user").status()).isEqualTo(204);
            assertThat(stomp.nextError()).contains("erased");
        }
    }

    @Test
    void leavingACoupleEndsThePartnersSocket() {
        CoupleUsers.User stays = CoupleUsers.signUp(anonymous, "Stays");
        CoupleUsers.User leaves = CoupleUsers.signUp(anonymous, "Leaves");
        CoupleUsers.link(stays, leaves);
        try (RawStomp stomp = RawStomp.connect(ws(), tokens.user(stays.id()))) {
            assertThat(leaves.api().delete("/api/couple").status()).isEqualTo(204);
            assertThat(stomp.nextError()).contains("couple was disconnected");
        }
    }

    @Test
    void theJsonOfAFrameIsHeldToTheSameTextRulesAsRequests() {
        CoupleUsers.User user = CoupleUsers.signUp(anonymous, "Sender");
        try (RawStomp stomp = RawStomp.connect(ws(), tokens.user(user.id()))) {
            stomp.send("SUBSCRIBE\nid:0\ndestination:/user/queue/errors\nreceipt:r0\n\n");
            assertThat(stomp.next()).startsWith("RECEIPT");
            stomp.send("SEND\ndestination:/app/chat/send\ncontent-type:application/json\n\n{\"text\":\"a\\u0000b\"}");
            String refusal = stomp.next();
            assertThat(refusal).startsWith("MESSAGE").contains("\"status\":400", "\"code\":\"invalid_message\"",
                                                              "text contains a control character");
        }
    }

    @Test
    void aSessionHoldsBoundedSubscriptionsDestinationsAndFrames() {
        CoupleUsers.User user = CoupleUsers.signUp(anonymous, "Greedy");
        String token = tokens.user(user.id());
        try (RawStomp stomp = RawStomp.connect(ws(), token)) {
            assertThat(stomp.connected()).as("heart-beats both ways").contains("heart-beat:10000,10000");
            for (int i = 0; i <= 32; i++) {
                stomp.send("SUBSCRIBE\nid:" + i + "\ndestination:/user/queue/q" + i + "\n\n");
            }
            assertThat(stomp.nextError()).contains("too_many_subscriptions");
        }
        try (RawStomp stomp = RawStomp.connect(ws(), token)) {
            stomp.send("SUBSCRIBE\nid:0\ndestination:/user/queue/" + "a".repeat(300) + "\n\n");
            assertThat(stomp.nextError()).contains("destination is longer");
        }
        try (RawStomp stomp = RawStomp.connect(ws(), token)) {
            // the server refuses the frame over budget and closes the socket, maybe before the last is sent
            for (int i = 0; i < 120; i++) {
                if (!stomp.sendWhileOpen("SEND\ndestination:/app/chat/read\ncontent-type:application/json\n\n"
                                         + "{\"message_id\":\"m" + i + "\"}")) {
                    break;
                }
            }
            assertThat(stomp.nextError()).contains("rate_limited");
        }
    }

    /**
     * The broker's inbound workers are a few threads with a bounded queue, which refuse work beyond it, so a flood
     * of frames cannot grow the node's memory without end; a frame that arrives meanwhile is not queued past the
     * bound, and its session carries on once the workers are free.
     */
    @Test
    void theInboundWorkersAreBoundedAndASessionCarriesOnAfterAFlood() {
        CoupleUsers.User user = CoupleUsers.signUp(anonymous, "Flood");
        ThreadPoolTaskExecutor workers = (ThreadPoolTaskExecutor) inbound.getExecutor();
        assertThat(workers.getMaxPoolSize()).isEqualTo(limits.inboundThreads());
        CountDownLatch busy = new CountDownLatch(1);
        try (RawStomp stomp = RawStomp.connect(ws(), tokens.user(user.id()))) {
            assertThat(occupy(workers, busy)).isLessThanOrEqualTo(limits.inboundThreads() + limits.inboundQueue());
            // frames already under way when the flood began finish, and their workers take queued stand-ins
            await().atMost(PATIENCE).until(() -> workers.getActiveCount() == limits.inboundThreads());
            occupy(workers, busy);
            assertThat(workers.getQueueSize()).isEqualTo(limits.inboundQueue());

            stomp.send("SUBSCRIBE\nid:0\nreceipt:flooded\ndestination:/user/queue/notifications\n\n");
            assertThat(workers.getQueueSize()).isEqualTo(limits.inboundQueue());
            busy.countDown();
            assertThat(stomp.next()).startsWith("RECEIPT").contains("receipt-id:flooded");
        } finally {
            busy.countDown();
        }
    }

    /** The last guard (M4, {@code ExpiredSessionFilterTest}) sits on this node's way out to every socket. */
    @Test
    void theWayOutDropsMessagesForSessionsThatAreNotLive() {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId("ended-" + UUID.randomUUID());
        headers.setDestination("/user/queue/notifications");

        assertThat(outbound.send(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()))).isFalse();
    }

    /** Hands the workers tasks that wait for {@code busy} until they refuse one; answers how many they took. */
    private static int occupy(ThreadPoolTaskExecutor workers, CountDownLatch busy) {
        int taken = 0;
        try {
            while (true) {
                workers.execute(() -> {
                    try {
                        busy.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                taken++;
            }
        } catch (TaskRejectedException full) {
            return taken;
        }
    }

    @Test
    void aUserHoldsBoundedSessionsAndStreamsOnANode() {
        CoupleUsers.User user = CoupleUsers.signUp(anonymous, "Many");
        String token = tokens.user(user.id());
        List<RawStomp> sessions = new ArrayList<>();
        List<SseTestClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                sessions.add(RawStomp.connect(ws(), token));
            }
            try (RawStomp oneTooMany = RawStomp.open(ws())) {
                oneTooMany.send("CONNECT\naccept-version:1.2\nhost:tandem\nAuthorization:Bearer " + token + "\n\n");
                assertThat(oneTooMany.nextError()).contains("too_many_sessions");
            }
            for (int i = 0; i < 5; i++) {
                streams.add(SseTestClient.open(stream(), token, null));
            }
            SseTestClient.Event replaced = streams.get(0).next();
            assertThat(replaced.name()).isEqualTo("end");
            assertThat(replaced.data().get("code").asText()).isEqualTo("too_many_streams");
        } finally {
            sessions.forEach(RawStomp::close);
            streams.forEach(SseTestClient::close);
        }
    }
}
