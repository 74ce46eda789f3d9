package io.tandem.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A JVM killed with SIGKILL leaves its embedded PostgreSQL running: the next start on the same data directory stops
 * it and comes up with the data; a start while the first JVM lives refuses at once; and a process that a stale
 * {@code postmaster.pid} names but that is not ours is left alone.
 */
class OrphanedPostmasterTest {

    @Test
    void theNextStartStopsTheServerAKilledJvmLeftRunningAndKeepsItsData(@TempDir Path parent) throws Exception {
        Path dataDirectory = parent.resolve("postgres");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                            "-cp", System.getProperty("java.class.path"),
                                            PostgresHolder.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true).start();
        long orphan = -1;
        try {
            awaitReady(holder);
            orphan = postmasterPid(dataDirectory);
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory))
                    .hasMessageContaining("in use by another running application");

            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("left running").isPresent();

            List<String> notices = new ArrayList<>();
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, notices::add);
                 Connection connection = DriverManager.getConnection(server.jdbcUrl("tandem"), server.username(),
                                                                     server.password());
                 Statement sql = connection.createStatement();
                 ResultSet note = sql.executeQuery("SELECT text FROM note")) {
                assertThat(note.next()).isTrue();
                assertThat(note.getString(1)).isEqualTo("written before the kill");
                assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
                assertThat(notices).anySatisfy(notice -> assertThat(notice).contains("outlived the application"));
            }
        } finally {
            holder.destroyForcibly();
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aProcessThatIsNotOurPostgresIsLeftAlone(@TempDir Path dataDirectory) throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dataDirectory.resolve("postmaster.pid"),
                              unrelated.pid() + "\n" + dataDirectory.toAbsolutePath().normalize() + "\n");
            List<String> notices = new ArrayList<>();
            OrphanedPostmaster.stopIfOrphaned(dataDirectory, notices::add);
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(notices).singleElement().asString().contains("left alone");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    private static void awaitReady(Process holder) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                                                                         StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.contains(PostgresHolder.READY)) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The holder JVM exited before PostgreSQL was up:\n" + seen);
    }

    private static long postmasterPid(Path dataDirectory) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    }
}
