package io.tandem.launcher;

import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.mail.TestMailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** With {@link #mailPort()}: the launcher sends its mail (verification codes) to the test JVM's mailbox. */
    static final String MAIL_HOST = "--spring.mail.host=127.0.0.1";

    static String mailPort() {
        return "--spring.mail.port=" + TestMailbox.shared().smtpPort();
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

    /**
     * The verification code mailed to {@code email}, read from the launcher's log: with no SMTP server configured, as
     * here by default, the launcher writes its mail there (README).
     */
    String codeFromLog(String email) {
        Pattern mail = Pattern.compile("Mail to " + Pattern.quote(email) + " .*verification code: (\\d{6})");
        return await("the code for " + email + " in " + dataDir.resolve("launcher.log"))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Matcher last = null;
                    for (String line : Files.readAllLines(dataDir.resolve("launcher.log"))) {
                        Matcher found = mail.matcher(line);
                        if (found.find()) {
                            last = found;
                        }
                    }
                    return last == null ? null : last.group(1);
                }, code -> code != null);
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

    /**
     * SIGKILL of the JVM alone, as a crash: nothing shuts down, and the embedded PostgreSQL is left running, holding
     * the data directory, for the next start to deal with.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** The embedded PostgreSQL's postmaster, if it is running. */
    Optional<ProcessHandle> postgres() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                                .filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGSTOP to every process of the embedded PostgreSQL: it keeps its connections and answers nothing. */
    void freezePostgres() {
        signalPostgres("STOP");
    }

    /** SIGCONT: the frozen PostgreSQL carries on. */
    void thawPostgres() {
        signalPostgres("CONT");
    }

    /** What the launcher has logged so far, over all its starts. */
    String log() throws IOException {
        return Files.readString(dataDir.resolve("launcher.log"));
    }

    private void signalPostgres(String signal) {
        ProcessHandle postmaster = postgres().orElseThrow(() -> new IllegalStateException("PostgreSQL is not up"));
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(postmaster.pid())));
        postmaster.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        try {
            assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).as(command.toString()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // a test that killed the launcher last leaves its PostgreSQL behind
        postgres().ifPresent(postgres -> {
            postgres.destroyForcibly();
            postgres.onExit().join();
        });
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
