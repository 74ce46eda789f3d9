package io.tandem.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) run as a child process, listening on a random port of
 * localhost: a durable one requires its generated password ({@link PostgresPassword}), a temporary one for tests
 * trusts every local connection.
 * <p>
 * Run as root it starts PostgreSQL through {@code unshare -U}, which zonky does by itself. It registers no JVM
 * shutdown hook: whoever starts it must {@link #close()} it, or the server outlives the JVM (until the next start on
 * its data directory stops it).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String SUPERUSER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory}, running initdb only if it holds no cluster yet, so the data
     * survives restarts. Commits are durable (fsync and synchronous commit on). Connections need the password kept
     * in {@code <dataDirectory>-password}, generated on first start. A server that a killed JVM left running on the
     * directory is stopped first ({@link OrphanedPostmaster}).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, 0, log::warn);
    }

    /** As {@link #start(Path)}, listening on {@code port} of localhost, or on a free one if it is 0. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, log::warn);
    }

    /** As {@link #start(Path)}, telling {@code notices} about a server a killed JVM left running. */
    public static EmbeddedPostgresServer start(Path dataDirectory, Consumer<String> notices) {
        return start(dataDirectory, 0, notices);
    }

    private static EmbeddedPostgresServer start(Path dataDirectory, int port, Consumer<String> notices) {
        Path data = Directories.createIfMissing(dataDirectory.toAbsolutePath().normalize());
        OrphanedPostmaster.stopIfOrphaned(data, notices);
        Path passwordFile = PostgresPassword.fileFor(data);
        String password = PostgresPassword.readOrCreate(passwordFile);
        EmbeddedPostgresServer server = start(EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                // zonky passes -F (fsync off) to postgres; this -c fsync=on comes after it and wins
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // zonky's own readiness check connects too: with the password once pg_hba.conf requires it
                .setConnectConfig("password", password), data, password);
        try (Connection superuser = server.postgres.getPostgresDatabase().getConnection()) {
            PostgresPassword.require(superuser, data, password, passwordFile);
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("Could not require the password on PostgreSQL in " + data, e);
        }
        return server;
    }

    /**
     * Starts PostgreSQL on a new temporary directory that is deleted on {@link #close()}. Nothing is flushed to
     * disk (fsync, synchronous commit and full-page writes off): fast for tests, lost on a crash.
     */
    public static EmbeddedPostgresServer startTemporary() {
        Path data = Directories.createTemp("tandem-pg-");
        try {
            return start(EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off"), data, SUPERUSER);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(data);
            throw e;
        }
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder, Path data, String password) {
        long startNanos = System.nanoTime();
        builder.setRegisterShutdownHook(false)
                // PostgreSQL's defaults otherwise (128 MB shared buffers): enough connections for a few
                // application instances with their pools, little memory
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC")
                // Byte-order collation regardless of the host's locale, so initdb behaves the same everywhere
                .setLocaleConfig("locale", "C")
                // initdb plus the first start takes a few seconds, more while other servers start on two cores
                .setPGStartupWait(Duration.ofSeconds(60));
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start(), data, password);
            log.info("PostgreSQL started in {} ms on port {} with data in {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), server.port(), data);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start with data in " + data, e);
        }
    }

    /** Where zonky unpacks the PostgreSQL binaries, once per version: {@code -Dot.epg.working-dir} moves it. */
    public static Path binariesDirectory() {
        return Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    /** The durable server's generated password; a temporary server's trust authentication ignores it. */
    public String password() {
        return password;
    }

    /** Creates the database unless it exists. Names are lower-case SQL identifiers. */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (databaseExists(connection, name)) {
                return;
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                // Another thread or JVM created it since the check: PostgreSQL then reports a duplicate database or,
                // when both CREATEs ran at once, a unique violation in its catalog.
                if (!databaseExists(connection, name)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    private static boolean databaseExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Stops the server (fast shutdown); a temporary server's data is deleted. */
    @Override
    public void close() {
        try {
            postgres.close();
            log.info("PostgreSQL on port {} stopped", port());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port() + " did not stop", e);
        }
    }
}
