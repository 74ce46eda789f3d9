package io.tandem.platform.migration;

import io.tandem.testsupport.SharedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which schema gets the personal-data key table, on a real PostgreSQL migrated by Flyway as a side migrates it. */
class OptionalMigrationsTest {

    private static final String ALWAYS = "classpath:db/migration/axon";

    private DriverManagerDataSource database;
    private JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        database = new DriverManagerDataSource(SharedPostgres.newDatabase(), SharedPostgres.USERNAME, "");
        jdbc = JdbcClient.create(database);
    }

    @Test
    void aSideUsingTheCommandSidesKeyTableGetsNoneOfItsOwn() {
        migrate("query", new OptionalMigrations("command.personal_data_key"));

        assertThat(tables("query")).contains("tokenentry", "domainevententry").doesNotContain("personal_data_key");
    }

    @Test
    void theSideWhoseSchemaTheKeyTableNamesGetsIt() {
        migrate("command", new OptionalMigrations("command.personal_data_key"));

        assertThat(tables("command")).contains("personal_data_key");
    }

    @Test
    void anUnqualifiedKeyTableIsTheSidesOwn() {
        migrate("public", new OptionalMigrations("personal_data_key"));

        assertThat(tables("public")).contains("personal_data_key", "domainevententry", "tokenentry");
    }

    @Test
    void aSchemaMigratedBeforeTheSplitStillValidatesAndKeepsItsTable() {
        // what every schema got before: the key table, whatever the side's configuration
        Flyway.configure().dataSource(database).schemas("query")
              .locations(ALWAYS, OptionalMigrations.PERSONAL_DATA_KEY).load().migrate();

        Flyway flyway = configuration("query", new OptionalMigrations("command.personal_data_key")).load();

        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway.migrate().success).isTrue();
        assertThat(tables("query")).contains("personal_data_key");
    }

    private void migrate(String schema, OptionalMigrations optional) {
        configuration(schema, optional).load().migrate();
    }

    private FluentConfiguration configuration(String schema, OptionalMigrations optional) {
        FluentConfiguration configuration = Flyway.configure().dataSource(database).schemas(schema)
                                                  .locations(ALWAYS);
        optional.customize(configuration);
        return configuration;
    }

    private List<String> tables(String schema) {
        return jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = :schema")
                   .param("schema", schema).query(String.class).list();
    }
}
