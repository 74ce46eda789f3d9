package io.tandem.query.live;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * The last guard on the way out: no MESSAGE frame reaches a session that has ended or whose token has expired, even
 * in the moment before its socket is closed.
 */
@Component
class ExpiredSessionFilter implements ChannelInterceptor {

    private final LiveSessions sessions;

    ExpiredSessionFilter(LiveSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE) {
            return message;
        }
        String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        boolean live = sessions.get(sessionId).map(session -> !session.expired()).orElse(false);
        return live ? message : null;
    }
}
