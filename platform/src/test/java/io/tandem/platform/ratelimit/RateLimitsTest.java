package io.tandem.platform.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.tandem.testsupport.SharedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Security review M3: the buckets on a real PostgreSQL, with two instances standing for two nodes of a side and a
 * clock the test moves, so what each band allows over time is exact.
 */
class RateLimitsTest {

    private static final String MIGRATION = "db/migration/axon/V2026.12.06.0501__rate_limit_bucket.sql";

    private final AtomicLong now = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        /** Bucket4j shares buckets between nodes only on a wall clock: this one stands for it. */
        @Override
        public boolean isWallClockBased() {
            return true;
        }
    };
    private final MockEnvironment settings = new MockEnvironment()
            .withProperty("tandem.rate-limit.progressive", "2/1m,4/1h")
            .withProperty("tandem.rate-limit.failures", "2/1h");
    private RateLimits nodeA;
    private RateLimits nodeB;

    @BeforeEach
    void setUp() throws Exception {
        DriverManagerDataSource database = new DriverManagerDataSource(SharedPostgres.newDatabase(),
                                                                       SharedPostgres.USERNAME, "");
        JdbcClient.create(database).sql(new ClassPathResource(MIGRATION).getContentAsString(StandardCharsets.UTF_8))
                  .update();
        nodeA = RateLimits.inPostgres(database, settings, clock);
        nodeB = RateLimits.inPostgres(database, settings, clock);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private static long refusedFor(Runnable request) {
        return catchThrowableOfType(RateLimitedException.class, request::run).retryAfterSeconds();
    }

    @Test
    void everyNodeCountsAgainstOneAllowance() {
        nodeA.named("progressive").take("203.0.113.7");
        nodeB.named("progressive").take("203.0.113.7");
        assertThatThrownBy(() -> nodeA.named("progressive").take("203.0.113.7"))
                .isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> nodeB.named("progressive").take("203.0.113.7"))
                .isInstanceOf(RateLimitedException.class);
        nodeB.named("progressive").take("203.0.113.8");
    }

    @Test
    void bandsWithLongerPeriodsMakeTheWaitGrowTheLongerAClientKeepsGoing() {
        RateLimit limit = nodeA.named("progressive");
        limit.take("client");
        limit.take("client");
        assertThat(refusedFor(() -> limit.take("client"))).as("one token of 2 a minute").isEqualTo(30);

        advance(Duration.ofSeconds(30));
        limit.take("client");
        advance(Duration.ofSeconds(30));
        limit.take("client");
        advance(Duration.ofSeconds(30));
        assertThat(refusedFor(() -> limit.take("client")))
                .as("the minute band has a token again, the hour band (4) has none for 15 minutes")
                .isGreaterThan(600);
    }

    @Test
    void failuresThatRacedPastTheCheckLeaveADebtAndASuccessClearsIt() {
        RateLimit failures = nodeA.named("failures");
        failures.requireAllowance("kim@example.com");
        for (int i = 0; i < 5; i++) {
            failures.charge("kim@example.com");
        }
        assertThat(refusedFor(() -> failures.requireAllowance("kim@example.com")))
                .as("3 owed, then 1 to spend: 4 at 2 an hour").isEqualTo(Duration.ofMinutes(120).toSeconds());
        nodeB.named("failures").forget("kim@example.com");
        failures.requireAllowance("kim@example.com");
    }

    @Test
    void aLimitThatIsNotConfiguredFailsAtOnce() {
        assertThatThrownBy(() -> nodeA.named("nowhere")).isInstanceOf(IllegalStateException.class)
                                                       .hasMessageContaining("tandem.rate-limit.nowhere");
    }
}
