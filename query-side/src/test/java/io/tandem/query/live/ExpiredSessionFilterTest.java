package io.tandem.query.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security review M4, the last guard: between a token's expiry and the moment its session is closed (a task on the
 * live scheduler, which may be busy), no message reaches that session; messages to live sessions go through. The
 * scheduler is held busy here, so the session is caught in that moment every run.
 */
class ExpiredSessionFilterTest {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final CountDownLatch schedulerBusy = new CountDownLatch(1);
    private final List<Message<?>> closings = new ArrayList<>();
    private final MessageChannel clientOutbound = (message, timeout) -> closings.add(message);
    private final LiveSessions sessions = new LiveSessions(clientOutbound, scheduler, new LiveLimits(
            null, null, null, null, null, null, null, null));
    private final ExpiredSessionFilter filter = new ExpiredSessionFilter(sessions);

    ExpiredSessionFilterTest() {
        scheduler.setPoolSize(1);
        scheduler.initialize();
        scheduler.execute(() -> {
            try {
                schedulerBusy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @AfterEach
    void release() {
        schedulerBusy.countDown();
        scheduler.shutdown();
    }

    @Test
    void aMessageToASessionWhoseTokenExpiredIsDroppedBeforeTheSessionIsClosed() {
        sessions.connected("expired", "user-1", token(Instant.now().minusSeconds(1)));
        sessions.connected("live", "user-2", token(Instant.now().plusSeconds(600)));

        assertThat(sessions.get("expired")).as("not closed yet: the scheduler is busy").isPresent();
        assertThat(closings).isEmpty();
        assertThat(filter.preSend(message("expired", SimpMessageType.MESSAGE), clientOutbound)).isNull();
        assertThat(filter.preSend(message("live", SimpMessageType.MESSAGE), clientOutbound)).isNotNull();
    }

    @Test
    void aMessageToASessionThatIsGoneIsDroppedWhileFramesThatEndASessionStillGo() {
        assertThat(filter.preSend(message("gone", SimpMessageType.MESSAGE), clientOutbound)).isNull();
        assertThat(filter.preSend(message("gone", SimpMessageType.DISCONNECT_ACK), clientOutbound)).isNotNull();
        assertThat(filter.preSend(message("gone", SimpMessageType.OTHER), clientOutbound)).isNotNull();
    }

    private static Jwt token(Instant expiresAt) {
        return Jwt.withTokenValue("token").header("alg", "HS256").subject("user")
                  .issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt).build();
    }

    private static Message<?> message(String sessionId, SimpMessageType type) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(type);
        headers.setSessionId(sessionId);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }
}
