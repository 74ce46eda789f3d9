package io.tandem.command.couple;

import io.tandem.testsupport.SharedPostgres;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A fresh database on the shared test PostgreSQL with the couple tables of the command side. */
final class CoupleTestDatabase {

    private CoupleTestDatabase() {
    }

    static JdbcClient create() {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(SharedPostgres.newDatabase(),
                                                                        SharedPostgres.USERNAME, ""));
        try {
            jdbc.sql(new ClassPathResource("db/migration/command/V2026.11.23.0200__couples.sql")
                             .getContentAsString(StandardCharsets.UTF_8)).update();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jdbc;
    }
}
