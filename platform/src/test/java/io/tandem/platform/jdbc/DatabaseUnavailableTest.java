package io.tandem.platform.jdbc;

import org.axonframework.common.jdbc.JdbcException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsAnOutageWhereverItIsWrapped() {
        assertThat(DatabaseUnavailable.isCauseOf(new CompletionException(new JdbcException("append failed",
                new PSQLException("An I/O error occurred while sending to the backend.",
                                  PSQLState.CONNECTION_FAILURE))))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new CannotGetJdbcConnectionException("pool",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("the database system is shutting down",
                                                                  "57P01"))).isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusedIsNot() {
        assertThat(DatabaseUnavailable.isCauseOf(new DataIntegrityViolationException("refused",
                new PSQLException("invalid byte sequence for encoding \"UTF8\": 0x00",
                                  PSQLState.DATA_ERROR)))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("boom"))).isFalse();
    }
}
