package io.tandem.platform.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Duration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate limits of a side, by name: {@code tandem.rate-limit.<name>} gives each one's bands (see {@link Bands}),
 * and the buckets live in PostgreSQL (table {@code rate_limit_bucket}), so every node of the side counts against
 * the same allowance.
 */
public final class RateLimits {

    private static final long CLEAN_EVERY = 1_000;
    private static final int CLEAN_AT_MOST = 1_000;

    private final ProxyManager<String> buckets;
    private final Environment environment;
    private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();
    private final AtomicLong uses = new AtomicLong();

    private RateLimits(ProxyManager<String> buckets, Environment environment) {
        this.buckets = buckets;
        this.environment = environment;
    }

    /** Buckets in table {@code rate_limit_bucket}; a bucket that has refilled completely expires a minute later. */
    static RateLimits inPostgres(DataSource dataSource, Environment environment, TimeMeter clock) {
        return new RateLimits(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                                                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                                                .table("rate_limit_bucket")
                                                .idColumn("id")
                                                .stateColumn("state")
                                                .expiresAtColumn("expires_at")
                                                .expirationAfterWrite(ExpirationAfterWriteStrategy
                                                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                                                .clientClock(clock)
                                                .build(),
                              environment);
    }

    /** The limit configured as {@code tandem.rate-limit.<name>}; fails at once when there is no such setting. */
    public RateLimit named(String name) {
        return limits.computeIfAbsent(name, this::configured);
    }

    private RateLimit configured(String name) {
        String bands = environment.getProperty("tandem.rate-limit." + name);
        if (bands == null) {
            throw new IllegalStateException("No rate limit tandem.rate-limit." + name + " is configured");
        }
        return new RateLimit(name, Bands.parse(name, bands), buckets, this::used);
    }

    /** Now and then one caller also removes buckets that have refilled and expired, so the table stays small. */
    private void used() {
        if (uses.incrementAndGet() % CLEAN_EVERY == 0 && buckets instanceof ExpiredEntriesCleaner cleaner) {
            cleaner.removeExpired(CLEAN_AT_MOST);
        }
    }
}
