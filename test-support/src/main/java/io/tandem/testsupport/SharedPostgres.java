package io.tandem.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.tandem.embedded.EmbeddedPostgresServer;
import org.awaitility.Awaitility;

/**
 * One real PostgreSQL per test JVM, on a temporary directory with nothing flushed to disk, started on first use and
 * stopped when the JVM exits. Every caller gets a database of its own, so application contexts never see each other's
 * events or tokens. Safe to use from any number of test classes and threads.
 */
public final class SharedPostgres {

    /** Trust authentication: no password is needed. */
    public static final String USERNAME = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgresServer server;

    private SharedPostgres() {
    }

    /**
     * Creates a new empty database and returns its JDBC URL. Call it once per application context: a property
     * supplier that Spring evaluates again would create a database each time.
     */
    public static String newDatabase() {
        EmbeddedPostgresServer postgres = server();
        String name = "test_" + DATABASES.incrementAndGet();
        postgres.createDatabase(name);
        return postgres.jdbcUrl(name);
    }

    private static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            EmbeddedPostgresServer started = EmbeddedPostgresServer.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "shared-postgres-stop"));
            server = started;
        }
        return server;
    }

    /**
     * Spring Boot closes the tests' application contexts in its own shutdown hook, at the same time as this one.
     * Waiting for their connection pools to disconnect lets event processors store their tokens before the server
     * goes; a connection a test never closed only delays the stop.
     */
    private static void stop(EmbeddedPostgresServer postgres) {
        try {
            Awaitility.await("test connections to PostgreSQL to close")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> otherConnections(postgres) == 0);
        } catch (RuntimeException e) {
            // timed out or could not ask: stop all the same
        }
        postgres.close();
    }

    private static int otherConnections(EmbeddedPostgresServer postgres) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), USERNAME, null);
                Statement sql = connection.createStatement();
                ResultSet count = sql.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            count.next();
            return count.getInt(1);
        }
    }
}
