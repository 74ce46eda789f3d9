package io.tandem.platform.jdbc;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The pool's data source for Flyway, with no read timeout on its connections. The pool gives up on a statement after
 * a few seconds so that requests fail fast while the database does not answer; a migration (say, an index built on a
 * large table) may take longer, and must not fail half-way for it. The pool resets the timeout when the connection
 * comes back.
 */
final class MigrationDataSource extends DelegatingDataSource {

    MigrationDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withoutReadTimeout(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return withoutReadTimeout(super.getConnection(username, password));
    }

    private static Connection withoutReadTimeout(Connection connection) throws SQLException {
        connection.setNetworkTimeout(Runnable::run, 0);
        return connection;
    }
}
