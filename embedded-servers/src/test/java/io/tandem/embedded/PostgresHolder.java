package io.tandem.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a JVM of its own by {@link OrphanedPostmasterTest}: starts PostgreSQL on the given directory, writes a row,
 * says {@value #READY} and waits to be killed, leaving the server running like a launcher killed with SIGKILL.
 */
final class PostgresHolder {

    static final String READY = "holding PostgreSQL";

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        server.createDatabase("tandem");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("tandem"), server.username(),
                                                                 server.password());
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE note (text text)");
            sql.execute("INSERT INTO note VALUES ('written before the kill')");
        }
        System.out.println(READY);
        Thread.sleep(Long.MAX_VALUE);
    }
}
