package io.tandem.platform.ratelimit;

import io.github.bucket4j.TimeMeter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/** Rate limits for every side, with their buckets in the side's own PostgreSQL schema. */
@AutoConfiguration
public class RateLimitConfiguration {

    @Bean
    public RateLimits rateLimits(DataSource dataSource, Environment environment) {
        return RateLimits.inPostgres(dataSource, environment, TimeMeter.SYSTEM_MILLISECONDS);
    }
}
