package io.tandem.platform.personaldata;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/** The personal-data keys every side's storage serializer encrypts and decrypts with. */
@AutoConfiguration
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataConfiguration {

    @Bean
    public PersonalDataKeys personalDataKeys(DataSource dataSource, PersonalDataProperties properties) {
        return new JdbcPersonalDataKeys(dataSource, properties);
    }

    @Bean
    public PersonalValues personalValues(PersonalDataKeys personalDataKeys) {
        return new PersonalValues(personalDataKeys);
    }
}
