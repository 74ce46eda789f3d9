package io.tandem.platform.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How events that a processor could not handle are retried ({@code tandem.dead-letters.*}, defaults in
 * {@code tandem-defaults.yml}). A parked sequence is retried after {@code firstRetryDelay}, then after twice as long
 * each time up to {@code maxRetryDelay}; after {@code maxRetries} failed retries it stays parked for an operator.
 *
 * @param firstRetryDelay    the wait before the first retry
 * @param maxRetryDelay      the longest wait between two retries
 * @param maxRetries         failed retries after which a letter is retried only by an operator
 * @param retryPollInterval  how often each node looks for letters whose retry is due
 * @param claimDuration      how long a node that crashed while retrying a sequence keeps others from retrying it
 */
@ConfigurationProperties("tandem.dead-letters")
public record DeadLetterProperties(@DefaultValue("10s") Duration firstRetryDelay,
                                   @DefaultValue("1h") Duration maxRetryDelay,
                                   @DefaultValue("8") int maxRetries,
                                   @DefaultValue("5s") Duration retryPollInterval,
                                   @DefaultValue("30s") Duration claimDuration) {

    /** The wait before the retry that follows {@code failedRetries} failed ones. */
    Duration delayAfter(int failedRetries) {
        Duration delay = firstRetryDelay;
        for (int i = 0; i < failedRetries && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
