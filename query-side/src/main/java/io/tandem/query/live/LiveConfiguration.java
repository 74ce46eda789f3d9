package io.tandem.query.live;

import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import java.util.List;

/**
 * STOMP over WebSocket at {@code /ws}, each node with its own in-memory broker. Nodes need no broker between them:
 * every node follows the event stream itself ({@link Live#PROCESSING_GROUP}) and delivers what concerns the
 * sockets connected to it, so a message sent through one node reaches a partner connected to another.
 * <p>
 * Every session is bounded: heart-beats both ways (a dead socket closes), frames of at most 64 KB, a few inbound
 * worker threads with a bounded queue (a flood is refused, not queued without end), and {@link StompLimits} and
 * {@link LiveSessions} for what one user may hold and send.
 */
@Configuration
@EnableWebSocketMessageBroker
@EnableConfigurationProperties(LiveLimits.class)
class LiveConfiguration implements WebSocketMessageBrokerConfigurer {

    static final String SCHEDULER = "liveScheduler";
    private static final long HEARTBEAT_MILLIS = 10_000;

    private final StompLimits limits;
    private final StompAuthorization authorization;
    private final SubscriptionReceipts receipts;
    private final ExpiredSessionFilter expiredSessions;
    private final LiveLimits liveLimits;
    private final TaskScheduler scheduler;
    private final List<String> allowedOrigins;

    LiveConfiguration(StompLimits limits, StompAuthorization authorization, SubscriptionReceipts receipts,
                      ExpiredSessionFilter expiredSessions, LiveLimits liveLimits,
                      @Qualifier(SCHEDULER) TaskScheduler scheduler,
                      @Value("${tandem.live.allowed-origins:*}") List<String> allowedOrigins) {
        this.limits = limits;
        this.authorization = authorization;
        this.receipts = receipts;
        this.expiredSessions = expiredSessions;
        this.liveLimits = liveLimits;
        this.scheduler = scheduler;
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOriginPatterns(allowedOrigins.toArray(String[]::new));
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(64 * 1024)
                    .setSendBufferSizeLimit(512 * 1024)
                    .setSendTimeLimit(10_000)
                    .setTimeToFirstMessage(30_000);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic", "/queue")
                .setHeartbeatValue(new long[]{HEARTBEAT_MILLIS, HEARTBEAT_MILLIS})
                .setTaskScheduler(scheduler);
        // frames to one socket leave one at a time, in order: an ERROR cannot overtake (or be lost behind) another
        registry.setPreservePublishOrder(true);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }

    /**
     * Limits first: a frame over budget is refused before a subscription policy or a handler queries anything. The
     * workers are set outright: Spring Boot hands both client channels the context's only {@code AsyncTaskExecutor}
     * (the live scheduler: one thread, unbounded queue), and only an executor set outright, after Boot's configurer,
     * replaces it.
     */
    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(limits, authorization, receipts);
        registration.executor(workers("clientInboundChannel-", liveLimits.inboundThreads(), liveLimits.inboundQueue()));
    }

    /** Spring's own default for this channel: two threads per core, frames queued per session in order. */
    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(expiredSessions);
        int threads = 2 * Runtime.getRuntime().availableProcessors();
        registration.executor(workers("clientOutboundChannel-", threads, Integer.MAX_VALUE));
    }

    /** Started and stopped by the container, as the channel's executor bean. */
    private static ThreadPoolTaskExecutor workers(String name, int threads, int queue) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(name);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queue);
        executor.setAllowCoreThreadTimeOut(true);
        return executor;
    }

    @Bean(SCHEDULER)
    static ThreadPoolTaskScheduler liveScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("live-");
        scheduler.setDaemon(true);
        return scheduler;
    }

    @Bean
    ConfigurerModule liveDeliveryProcessor() {
        return PerNodeProcessor.registration(Live.PROCESSING_GROUP);
    }
}
