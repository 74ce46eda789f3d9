package io.tandem.query.live;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What one user may hold open on one node ({@code tandem.live.*}): STOMP sessions, subscriptions per session and
 * the length of a destination, the frames a session may send to {@code /app} (a burst, then a steady rate), the
 * inbound worker threads and their queue, and notification streams.
 */
@ConfigurationProperties("tandem.live")
public record LiveLimits(Integer sessionsPerUser, Integer subscriptionsPerSession, Integer destinationLength,
                         Integer frameBurst, Double framesPerSecond, Integer inboundThreads, Integer inboundQueue,
                         Integer streamsPerUser) {

    public LiveLimits {
        sessionsPerUser = sessionsPerUser == null ? 8 : sessionsPerUser;
        subscriptionsPerSession = subscriptionsPerSession == null ? 32 : subscriptionsPerSession;
        destinationLength = destinationLength == null ? 256 : destinationLength;
        frameBurst = frameBurst == null ? 50 : frameBurst;
        framesPerSecond = framesPerSecond == null ? 10.0 : framesPerSecond;
        inboundThreads = inboundThreads == null ? 4 : inboundThreads;
        inboundQueue = inboundQueue == null ? 1_000 : inboundQueue;
        streamsPerUser = streamsPerUser == null ? 4 : streamsPerUser;
    }
}
