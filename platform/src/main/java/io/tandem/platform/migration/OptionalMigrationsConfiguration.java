package io.tandem.platform.migration;

import io.tandem.platform.personaldata.PersonalDataConfiguration;
import io.tandem.platform.personaldata.PersonalDataProperties;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Each side migrates only the tables it uses ({@link OptionalMigrations}). */
@AutoConfiguration(after = PersonalDataConfiguration.class)
@ConditionalOnClass(Flyway.class)
public class OptionalMigrationsConfiguration {

    @Bean
    OptionalMigrations optionalMigrations(PersonalDataProperties personalData) {
        return new OptionalMigrations(personalData.keyTable());
    }
}
