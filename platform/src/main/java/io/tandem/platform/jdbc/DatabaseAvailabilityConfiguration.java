package io.tandem.platform.jdbc;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * What keeps the application answering while its database does not (README, "When the database is down"): a
 * health check that never waits for the pool, and migrations exempt from the pool's read timeout.
 */
@AutoConfiguration
@AutoConfigureBefore(name = "org.springframework.boot.actuate.autoconfigure.jdbc."
                            + "DataSourceHealthContributorAutoConfiguration")
public class DatabaseAvailabilityConfiguration {

    /** Takes the place (and the name, "db") of Boot's check of the pool. */
    @Bean
    @ConditionalOnProperty("spring.datasource.url")
    DatabaseHealthIndicator dbHealthIndicator(DataSourceProperties dataSource) {
        return new DatabaseHealthIndicator(dataSource.getUrl(), dataSource.getUsername(), dataSource.getPassword());
    }

    @Bean
    FlywayConfigurationCustomizer migrationsWithoutReadTimeout() {
        return configuration -> configuration.dataSource(
                new MigrationDataSource(configuration.getDataSource()));
    }
}
