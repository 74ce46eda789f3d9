package io.tandem.platform.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One named limit, with a bucket per client key (an address, an email, a user id). Buckets are named by a hash of
 * the key, so the table keeps no personal data.
 */
public final class RateLimit {

    private final String name;
    private final BucketConfiguration bands;
    private final ProxyManager<String> buckets;
    private final Runnable onUse;

    RateLimit(String name, BucketConfiguration bands, ProxyManager<String> buckets, Runnable onUse) {
        this.name = name;
        this.bands = bands;
        this.buckets = buckets;
        this.onUse = onUse;
    }

    /** Counts one request of {@code key}, or refuses it with 429 when its allowance is spent. */
    public void take(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(name, probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Refuses with 429 when {@code key} has no allowance left, without counting this request: for limits that count
     * only failures, known after the work is done ({@link #charge}).
     */
    public void requireAllowance(String key) {
        EstimationProbe probe = bucket(key).estimateAbilityToConsume(1);
        if (!probe.canBeConsumed()) {
            throw new RateLimitedException(name, probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Counts one failure of {@code key} even when none is left: failures that raced past {@link #requireAllowance}
     * together leave a debt that is waited off before the next try.
     */
    public void charge(String key) {
        bucket(key).consumeIgnoringRateLimits(1);
    }

    /** Forgets what {@code key} has used, as after a success that ends a run of failures. */
    public void forget(String key) {
        buckets.removeProxy(id(key));
    }

    private BucketProxy bucket(String key) {
        onUse.run();
        return buckets.builder().build(id(key), () -> bands);
    }

    private String id(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return name + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
