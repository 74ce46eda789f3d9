package io.tandem.query.live;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Bounds what one session costs, before any handler or database sees its frame: how many subscriptions it holds,
 * how long a destination may be, and how many frames it may send to {@code /app} (a burst, then a steady rate).
 * Runs after {@link StompAuthorization}, so every frame here belongs to a known session.
 */
@Component
class StompLimits implements ChannelInterceptor {

    private final LiveSessions sessions;
    private final LiveLimits limits;

    StompLimits(LiveSessions sessions, LiveLimits limits) {
        this.sessions = sessions;
        this.limits = limits;
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
        if (command != StompCommand.SUBSCRIBE && command != StompCommand.SEND
            && command != StompCommand.UNSUBSCRIBE) {
            return message;
        }
        LiveSession session = sessions.get(stomp.getSessionId()).orElseThrow(
                () -> new MessageDeliveryException("unauthenticated: the session has ended"));
        String destination = stomp.getDestination();
        if (destination != null && destination.length() > limits.destinationLength()) {
            throw new MessageDeliveryException("invalid: the destination is longer than "
                                               + limits.destinationLength() + " characters");
        }
        switch (command) {
            case SUBSCRIBE -> {
                if (!session.subscribe(stomp.getSubscriptionId(), limits.subscriptionsPerSession())) {
                    throw new MessageDeliveryException("too_many_subscriptions: at most "
                                                       + limits.subscriptionsPerSession() + " per session");
                }
            }
            case UNSUBSCRIBE -> session.unsubscribe(stomp.getSubscriptionId());
            default -> {
                if (!session.trySpend()) {
                    throw new MessageDeliveryException("rate_limited: too many frames; slow down and reconnect");
                }
            }
        }
        return message;
    }
}
