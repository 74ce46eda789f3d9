package io.tandem.command.chat;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per sender: a burst of {@code burst} messages, then {@code per-second} a second. Commands are
 * routed by sender, so with several command nodes one user's messages still meet one bucket.
 */
@Component
class ChatRateLimiter {

    private static final int FORGET_ABOVE = 100_000;

    private final int burst;
    private final double perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ChatRateLimiter(@Value("${tandem.chat.rate-limit.burst:10}") int burst,
                    @Value("${tandem.chat.rate-limit.per-second:2}") double perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
    }

    void take(String senderId) {
        if (buckets.size() > FORGET_ABOVE) {
            buckets.clear();
        }
        long waitMillis = buckets.computeIfAbsent(senderId, id -> new Bucket()).take();
        if (waitMillis > 0) {
            throw new RejectedException(Rejection.tooManyRequests(
                    "rate_limited", "Too many messages; wait " + waitMillis + " ms before sending again."));
        }
    }

    private final class Bucket {

        private double tokens = burst;
        private long refilledAt = System.nanoTime();

        /** Takes a token and answers 0, or answers how long until one is there. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * 1000);
        }
    }
}
