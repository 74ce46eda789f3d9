package io.tandem.platform.migration;

import io.tandem.platform.personaldata.PersonalDataConfiguration;
import io.tandem.platform.personaldata.PersonalDataProperties;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Each side migrates only the tables its mode uses ({@link OptionalMigrations}). */
@AutoConfiguration(after = PersonalDataConfiguration.class)
@ConditionalOnClass(Flyway.class)
public class OptionalMigrationsConfiguration {

    @Bean
    OptionalMigrations optionalMigrations(Environment environment, PersonalDataProperties personalData) {
        // Axon's own default: with its server connector on the classpath, events go to Axon Server
        boolean eventsInAxonServer = environment.getProperty("axon.axonserver.enabled", Boolean.class, true);
        return new OptionalMigrations(eventsInAxonServer, personalData.keyTable());
    }
}
