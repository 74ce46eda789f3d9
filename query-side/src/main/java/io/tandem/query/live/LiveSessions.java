package io.tandem.query.live;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STOMP sessions open on this node. Each ends when its access token expires, and earlier when its user signs
 * out, is erased, changes role or leaves a couple ({@link UserChannels}); it ends with an ERROR frame saying why,
 * after which the server closes the socket.
 */
@Component
class LiveSessions implements UserChannels {

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final MessageChannel clientOutbound;
    private final TaskScheduler scheduler;
    private final LiveLimits limits;

    LiveSessions(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound,
                 @Qualifier(LiveConfiguration.SCHEDULER) TaskScheduler scheduler, LiveLimits limits) {
        this.clientOutbound = clientOutbound;
        this.scheduler = scheduler;
        this.limits = limits;
    }

    /** Registers an authenticated session; false when its user already holds as many as allowed on this node. */
    boolean connected(String sessionId, String userId, Jwt token) {
        synchronized (sessions) {
            long open = sessions.values().stream().filter(session -> session.userId().equals(userId)).count();
            if (open >= limits.sessionsPerUser()) {
                return false;
            }
            sessions.put(sessionId, new LiveSession(sessionId, userId, token.getIssuedAt(), token.getExpiresAt(),
                                                    limits.frameBurst(), limits.framesPerSecond()));
        }
        if (token.getExpiresAt() != null) {
            scheduler.schedule(() -> close(sessionId, "unauthenticated: the access token expired; reconnect with "
                                                      + "a new one"), token.getExpiresAt());
        }
        return true;
    }

    Optional<LiveSession> get(String sessionId) {
        return Optional.ofNullable(sessionId == null ? null : sessions.get(sessionId));
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        sessions.remove(event.getSessionId());
    }

    @Override
    public void end(String userId, Instant changedAt, String code, String detail) {
        List<LiveSession> ending = sessions.values().stream()
                                           .filter(session -> session.userId().equals(userId)
                                                              && session.issuedBefore(changedAt))
                                           .toList();
        ending.forEach(session -> close(session.id(), code + ": " + detail));
    }

    private void close(String sessionId, String reason) {
        if (sessions.containsKey(sessionId)) {
            refuse(sessionId, reason);
        }
    }

    /**
     * Ends a session with an ERROR frame sent the way every frame to it is sent, in order through the outbound
     * channel: an ERROR written straight from the inbound side can race a frame still being sent to the same socket
     * and be lost when the socket closes.
     */
    void refuse(String sessionId, String reason) {
        sessions.remove(sessionId);
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(reason);
        error.setSessionId(sessionId);
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], error.getMessageHeaders()));
    }
}
