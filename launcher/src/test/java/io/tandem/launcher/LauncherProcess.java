package io.tandem.launcher;

import io.tandem.testsupport.ApiClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged launcher run as the README runs it ({@code java -jar}), on a data directory of the test's own, on
 * the same port across restarts as a deployed server would be. Its output goes to {@code launcher.log} there.
 */
final class LauncherProcess implements AutoCloseable {

    private final Path dataDir;
    private final List<String> arguments;
    private final int port = freePort();
    private Process process;

    LauncherProcess(Path dataDir, String... arguments) {
        this.dataDir = dataDir;
        this.arguments = List.of(arguments);
    }

    /** Starts the launcher and waits until it is ready to serve. */
    ApiClient start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", launcherJar().toString(),
                "--server.port=" + port,
                "--tandem.data-dir=" + dataDir));
        command.addAll(arguments);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("launcher.log").toFile()))
                .start();
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("launcher exited; see " + dataDir.resolve("launcher.log")).isTrue();
            try {
                return api.get("/actuator/health/readiness").status() == 200;
            } catch (RuntimeException notYetListening) {
                return false;
            }
        });
        return api;
    }

    /** The operating system's id of the running launcher, the {@code pid} of its node id {@code pid@host}. */
    long pid() {
        return process.pid();
    }

    /** SIGTERM: the application shuts down gracefully and stops its embedded servers. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("graceful shutdown").isTrue();
    }

    /** SIGKILL, as a crash: nothing shuts down, and the embedded PostgreSQL is left running. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        killOrphanedPostgres();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        killOrphanedPostgres();
    }

    /** A killed JVM could not stop its embedded PostgreSQL, which would keep the data directory locked. */
    private void killOrphanedPostgres() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                ProcessHandle.of(pid).ifPresent(postgres -> {
                    postgres.destroyForcibly();
                    postgres.onExit().join();
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path launcherJar() throws IOException {
        try (var jars = Files.list(Path.of("target"))) {
            return jars.filter(path -> path.getFileName().toString().matches("launcher-.*\\.jar"))
                       .filter(path -> !path.getFileName().toString().endsWith("-plain.jar"))
                       .findFirst()
                       .orElseThrow(() -> new IllegalStateException("Run through Maven: the jar is built first"))
                       .toAbsolutePath();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
