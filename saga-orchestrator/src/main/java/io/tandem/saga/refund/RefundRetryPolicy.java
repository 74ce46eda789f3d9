package io.tandem.saga.refund;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** How long to wait before trying a failed refund again: doubling from the first delay up to a ceiling. */
@Component
public class RefundRetryPolicy {

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int maxAttempts;

    public RefundRetryPolicy(@Value("${tandem.booking.refund-retry.first-delay:1m}") Duration firstDelay,
                             @Value("${tandem.booking.refund-retry.max-delay:1h}") Duration maxDelay,
                             @Value("${tandem.booking.refund-retry.max-attempts:12}") int maxAttempts) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
    }

    /** Whether a booking's refund is tried again; after the last attempt it waits, REFUND_FAILED, for an admin. */
    public boolean mayRetryAfter(int attempts) {
        return attempts < maxAttempts;
    }

    public Duration delayAfter(int attempts) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
