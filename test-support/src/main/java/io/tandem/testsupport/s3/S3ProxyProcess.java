package io.tandem.testsupport.s3;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An S3Proxy child process keeping buckets in memory (jclouds "transient" provider): nothing to clean up on disk,
 * and it starts in about a second.
 */
final class S3ProxyProcess {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    // The free port is released before the child binds it, so another process may take it in between.
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final URI endpoint;
    private final Path workDir;

    private S3ProxyProcess(Process process, URI endpoint, Path workDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.workDir = workDir;
    }

    URI endpoint() {
        return endpoint;
    }

    static S3ProxyProcess start(Path jar, String accessKey, String secretKey) {
        String failures = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            S3ProxyProcess candidate = launch(jar, accessKey, secretKey);
            Runtime.getRuntime().addShutdownHook(new Thread(candidate::stop, "s3proxy-stop"));
            if (candidate.awaitReady()) {
                return candidate;
            }
            failures += "\n--- attempt " + attempt + " on " + candidate.endpoint + " ---\n" + candidate.logTail();
            candidate.stop();
        }
        throw new IllegalStateException("S3Proxy (" + jar + ") did not start:" + failures);
    }

    private static S3ProxyProcess launch(Path jar, String accessKey, String secretKey) {
        try {
            Path workDir = Files.createTempDirectory("tandem-s3proxy-");
            URI endpoint = URI.create("http://127.0.0.1:" + freePort());
            Path properties = Files.writeString(workDir.resolve("s3proxy.properties"), String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=transient",
                    "jclouds.identity=unused",
                    "jclouds.credential=unused"));
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // a small, quickly started JVM: it serves a handful of test objects
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toString(),
                    "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("s3proxy.log").toFile());
            builder.environment().put("LOG_LEVEL", "warn");
            return new S3ProxyProcess(builder.start(), endpoint, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch S3Proxy from " + jar, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private boolean awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        try {
            await("S3Proxy on " + endpoint)
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || answers(client));
        } catch (ConditionTimeoutException e) {
            return false;
        }
        return process.isAlive();
    }

    // Any HTTP answer, even 403 to this unsigned request, means S3Proxy is serving.
    private boolean answers(HttpClient client) throws InterruptedException {
        try {
            client.send(HttpRequest.newBuilder(endpoint).timeout(PROBE_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("s3proxy.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteWorkDir();
    }

    private void deleteWorkDir() {
        try (var files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
