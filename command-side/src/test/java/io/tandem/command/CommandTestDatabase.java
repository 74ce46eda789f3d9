package io.tandem.command;

import io.tandem.testsupport.SharedPostgres;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A fresh database on the shared test PostgreSQL with some of the command side's tables, for aggregate fixtures
 * whose command handlers claim rows: {@code create(COUPLES)} runs that migration of {@code db/migration/command}.
 */
public final class CommandTestDatabase {

    public static final String COUPLES = "V2026.11.23.0200__couples.sql";
    public static final String SCHEDULE_DIRECTORY = "V2026.12.06.0302__schedule_directory.sql";
    public static final String FILE_DIRECTORY = "V2026.12.06.1001__file_directory.sql";

    private CommandTestDatabase() {
    }

    public static JdbcClient create(String... migrations) {
        return JdbcClient.create(dataSource(migrations));
    }

    /** The same, for a test that runs its own transactions on it. */
    public static DataSource dataSource(String... migrations) {
        DataSource dataSource = new DriverManagerDataSource(SharedPostgres.newDatabase(), SharedPostgres.USERNAME, "");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        // the event table some migrations backfill from, empty: a fresh store
        jdbc.sql("CREATE TABLE domainevententry (aggregateidentifier VARCHAR(255), payloadtype VARCHAR(255), "
                 + "payload BYTEA)").update();
        for (String migration : migrations) {
            try {
                jdbc.sql(new ClassPathResource("db/migration/command/" + migration)
                                 .getContentAsString(StandardCharsets.UTF_8)).update();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataSource;
    }
}
