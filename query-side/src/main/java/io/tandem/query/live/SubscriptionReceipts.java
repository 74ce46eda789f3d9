package io.tandem.query.live;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Answers a SUBSCRIBE that asks for a receipt once the subscription is in place, which the in-memory broker does
 * not do itself. Clients then know from when on they will not miss a message.
 */
@Component
class SubscriptionReceipts implements ExecutorChannelInterceptor {

    private final MessageChannel clientOutbound;

    SubscriptionReceipts(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound) {
        this.clientOutbound = clientOutbound;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
                                    Exception failure) {
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
        if (failure != null || stomp.getCommand() != StompCommand.SUBSCRIBE || stomp.getReceipt() == null
            || !registers(handler, stomp.getDestination())) {
            return;
        }
        StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
        receipt.setReceiptId(stomp.getReceipt());
        receipt.setSessionId(stomp.getSessionId());
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], receipt.getMessageHeaders()));
    }

    private static boolean registers(MessageHandler handler, String destination) {
        boolean userDestination = destination != null && destination.startsWith("/user/");
        return userDestination ? handler instanceof UserDestinationMessageHandler
                               : handler instanceof SimpleBrokerMessageHandler;
    }
}
