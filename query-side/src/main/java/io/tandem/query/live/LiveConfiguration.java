package io.tandem.query.live;

import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import java.util.List;

/**
 * STOMP over WebSocket at {@code /ws}, each node with its own in-memory broker. Nodes need no broker between them:
 * every node follows the event stream itself ({@link Live#PROCESSING_GROUP}) and delivers what concerns the
 * sockets connected to it, so a message sent through one node reaches a partner connected to another.
 */
@Configuration
@EnableWebSocketMessageBroker
class LiveConfiguration implements WebSocketMessageBrokerConfigurer {

    private final StompAuthorization authorization;
    private final SubscriptionReceipts receipts;
    private final List<String> allowedOrigins;

    LiveConfiguration(StompAuthorization authorization, SubscriptionReceipts receipts,
                      @Value("${tandem.live.allowed-origins:*}") List<String> allowedOrigins) {
        this.authorization = authorization;
        this.receipts = receipts;
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOriginPatterns(allowedOrigins.toArray(String[]::new));
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic", "/queue");
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(authorization, receipts);
    }

    @Bean
    ConfigurerModule liveDeliveryProcessor() {
        return PerNodeProcessor.registration(Live.PROCESSING_GROUP);
    }
}
