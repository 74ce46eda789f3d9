package io.tandem.query.live;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
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
@org.springframework.context.annotation.Configuration
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

    /**
     * A tracking processor's token is normally claimed by one node; this one keeps its token in memory, so every
     * node runs its own from the head of the stream and sees every event that its sockets may need.
     */
    @Bean
    ConfigurerModule liveDeliveryProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(
                        Live.PROCESSING_GROUP, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                .andInitialTrackingToken(
                                                                        StreamableMessageSource::createHeadToken))
                .registerTokenStore(Live.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                .registerTransactionManager(Live.PROCESSING_GROUP, c -> NoTransactionManager.INSTANCE));
    }
}
