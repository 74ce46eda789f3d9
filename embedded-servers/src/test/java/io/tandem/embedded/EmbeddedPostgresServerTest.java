package io.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void temporaryServerRunsSqlWithoutFsyncAndDeletesItsData() throws SQLException {
        Path dataDirectory;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary()) {
            dataDirectory = server.dataDirectory();
            server.createDatabase("orders");
            server.createDatabase("orders");
            try (Connection connection = connect(server, "orders"); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL)");
                sql.execute("INSERT INTO item VALUES (1, '인천국제공항')");
                assertThat(single(sql, "SELECT name FROM item WHERE id = 1")).isEqualTo("인천국제공항");
                assertThat(single(sql, "SHOW fsync")).isEqualTo("off");
                assertThat(single(sql, "SHOW max_connections")).isEqualTo("200");
                assertThat(single(sql, "SHOW server_version")).startsWith("17.");
            }
        }
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void persistentServerKeepsItsDataAcrossRestarts(@TempDir Path parent) throws SQLException {
        Path dataDirectory = parent.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory);
                Connection connection = connectToNew(server, "tandem");
                Statement sql = connection.createStatement()) {
            assertThat(single(sql, "SHOW fsync")).isEqualTo("on");
            assertThat(single(sql, "SHOW synchronous_commit")).isEqualTo("on");
            sql.execute("CREATE TABLE note (text text)");
            sql.execute("INSERT INTO note VALUES ('kept')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory);
                Connection connection = connectToNew(server, "tandem");
                Statement sql = connection.createStatement()) {
            assertThat(single(sql, "SELECT text FROM note")).isEqualTo("kept");
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();
    }

    /**
     * Security review L10: the durable server (the embedded default's database) answers only those who know its
     * generated password, kept with the data and unchanged across restarts, not every local process as trust
     * authentication did.
     */
    @Test
    void persistentServerRefusesConnectionsWithoutItsPassword(@TempDir Path parent) throws SQLException {
        Path dataDirectory = parent.resolve("postgres");
        String password;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory)) {
            password = server.password();
            server.createDatabase("tandem");
            assertRefused(server, "postgres");
            assertRefused(server, "");
            try (Connection connection = connect(server, "tandem")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory)) {
            assertThat(server.password()).isEqualTo(password);
            assertRefused(server, "postgres");
            try (Connection connection = connect(server, "tandem")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    private static void assertRefused(EmbeddedPostgresServer server, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("tandem"), server.username(), password)
                                              .close())
                .isInstanceOf(SQLException.class);
    }

    private static Connection connectToNew(EmbeddedPostgresServer server, String database) throws SQLException {
        server.createDatabase(database);
        return connect(server, database);
    }

    private static Connection connect(EmbeddedPostgresServer server, String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
