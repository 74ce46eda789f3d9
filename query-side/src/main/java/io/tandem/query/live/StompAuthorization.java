package io.tandem.query.live;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import java.security.Principal;
import java.time.Instant;

/**
 * Authenticates a STOMP session with the same access token as the REST API, sent in the CONNECT (or its alias
 * STOMP) frame's {@code Authorization} header (browsers cannot set headers on the WebSocket handshake itself). A
 * refused CONNECT ends the connection with an ERROR frame; an accepted one is registered in {@link LiveSessions},
 * which ends it when the token expires.
 */
@Component
class StompAuthorization implements ChannelInterceptor {

    private final JwtDecoder decoder;
    private final ObjectProvider<SubscriptionPolicy> policies;
    private final LiveSessions sessions;

    StompAuthorization(JwtDecoder decoder, ObjectProvider<SubscriptionPolicy> policies, LiveSessions sessions) {
        this.decoder = decoder;
        this.policies = policies;
        this.sessions = sessions;
    }

    /** A refused frame goes no further, and its session ends with an ERROR frame saying why. */
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        try {
            return check(message);
        } catch (MessageDeliveryException refused) {
            sessions.refuse(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()), refused.getMessage());
            return null;
        }
    }

    private Message<?> check(Message<?> message) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        StompCommand command = stomp.getCommand();
        if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
            JwtAuthenticationToken user = authenticate(stomp.getFirstNativeHeader("Authorization"));
            if (!sessions.connected(stomp.getSessionId(), user.getName(), user.getToken())) {
                throw new MessageDeliveryException("too_many_sessions: close another connection first");
            }
            stomp.setUser(user);
        } else if (command == StompCommand.SUBSCRIBE) {
            authorizeSubscription(user(stomp), stomp.getDestination());
        } else if (command == StompCommand.SEND) {
            user(stomp);
            // straight to a broker destination would let a client forge messages in any room
            String destination = stomp.getDestination();
            if (destination == null || !destination.startsWith("/app/")) {
                throw new MessageDeliveryException("forbidden: send to /app/ destinations only");
            }
        }
        return message;
    }

    private JwtAuthenticationToken authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new MessageDeliveryException("unauthenticated: send 'Authorization: Bearer <access token>'");
        }
        try {
            return new JwtAuthenticationToken(decoder.decode(authorization.substring(7).trim()));
        } catch (JwtException e) {
            throw new MessageDeliveryException("unauthenticated: the access token is invalid or expired");
        }
    }

    private static JwtAuthenticationToken user(StompHeaderAccessor stomp) {
        Principal principal = stomp.getUser();
        if (!(principal instanceof JwtAuthenticationToken token)) {
            throw new MessageDeliveryException("unauthenticated");
        }
        Jwt jwt = token.getToken();
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(Instant.now())) {
            throw new MessageDeliveryException("unauthenticated: the access token expired; reconnect with a new one");
        }
        return token;
    }

    private void authorizeSubscription(JwtAuthenticationToken user, String destination) {
        if (destination == null) {
            throw new MessageDeliveryException("forbidden: no destination");
        }
        if (destination.startsWith("/user/queue/")) {
            return;
        }
        boolean allowed = policies.orderedStream()
                                  .filter(policy -> policy.governs(destination))
                                  .findFirst()
                                  .map(policy -> policy.allows(user.getName(), destination))
                                  .orElse(false);
        if (!allowed) {
            throw new MessageDeliveryException("forbidden: you may not subscribe to " + destination);
        }
    }
}
