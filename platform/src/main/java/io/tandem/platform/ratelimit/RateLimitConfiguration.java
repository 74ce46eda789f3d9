package io.tandem.platform.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Duration;

/** Rate limits for every side, with their buckets in the side's own PostgreSQL schema. */
@AutoConfiguration
public class RateLimitConfiguration {

    @Bean
    public RateLimits rateLimits(DataSource dataSource, Environment environment) {
        return new RateLimits(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                                                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                                                .table("rate_limit_bucket")
                                                .idColumn("id")
                                                .stateColumn("state")
                                                .expiresAtColumn("expires_at")
                                                .expirationAfterWrite(ExpirationAfterWriteStrategy
                                                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                                                .build(),
                              environment);
    }
}
