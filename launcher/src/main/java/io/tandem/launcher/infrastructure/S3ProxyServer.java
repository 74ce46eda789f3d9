package io.tandem.launcher.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy, an S3-compatible server keeping buckets as directories (jclouds' filesystem provider), run as a child
 * process from the jar the launcher carries as a resource ({@value #JAR_RESOURCE}): on the launcher's classpath its
 * shaded Jetty and logback would clash with the application's. It checks AWS signatures against one key pair.
 * <p>
 * The child's pid is kept in a file, so a start after the launcher was killed first stops the S3Proxy it left behind.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String JAR_RESOURCE = "servers/s3proxy.jar";

    private static final Logger log = LoggerFactory.getLogger(S3ProxyServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final Process process;
    private final URI endpoint;
    private final Path pidFile;

    private S3ProxyServer(Process process, URI endpoint, Path pidFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.pidFile = pidFile;
    }

    /** Starts S3Proxy on 127.0.0.1:{@code port} with buckets in {@code directory}/buckets; returns once it answers. */
    static S3ProxyServer start(Path directory, int port, String accessKey, String secretKey) {
        long startNanos = System.nanoTime();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path pidFile = directory.resolve("s3proxy.pid");
        try {
            Files.createDirectories(directory.resolve("buckets"));
            stopLeftover(pidFile);
            Path jar = unpackJar(directory.resolve("s3proxy.jar"));
            log.info("Starting S3Proxy on port {} with buckets in {}", port, directory.resolve("buckets"));
            Path properties = directory.resolve("s3proxy.properties");
            Files.write(properties, List.of(
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + directory.resolve("buckets")));
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("s3proxy.log").toFile()));
            builder.environment().put("LOG_LEVEL", "warn");
            S3ProxyServer server = new S3ProxyServer(builder.start(), endpoint, pidFile);
            Files.writeString(pidFile, Long.toString(server.process.pid()));
            server.awaitReady(directory.resolve("s3proxy.log"));
            log.info("S3Proxy started in {} ms at {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                     endpoint);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("S3Proxy did not start in " + directory, e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** Copies the bundled jar out of the launcher unless an identical copy is there from an earlier start. */
    private static Path unpackJar(Path target) throws IOException {
        ClassPathResource bundled = new ClassPathResource(JAR_RESOURCE);
        if (!bundled.exists()) {
            throw new IllegalStateException(JAR_RESOURCE + " is missing: run the launcher built by Maven");
        }
        if (Files.exists(target) && Files.size(target) == bundled.contentLength()) {
            return target;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = bundled.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** An S3Proxy a killed launcher left running would hold the port. */
    private static void stopLeftover(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid)
                     .filter(process -> process.info().commandLine().orElse("").contains("s3proxy"))
                     .ifPresent(leftover -> {
                         log.info("Stopping the S3Proxy (pid {}) an earlier run left behind", pid);
                         leftover.destroy();
                         leftover.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                     });
        Files.delete(pidFile);
    }

    private void awaitReady(Path logFile) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                // any answer, even 403 to this unsigned request, means it serves
                client.send(HttpRequest.newBuilder(endpoint).timeout(PROBE_TIMEOUT).build(),
                            HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notListeningYet) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not answer at " + endpoint + " within " + STARTUP_TIMEOUT
                                        + "; see " + logFile);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(pidFile);
            log.info("S3Proxy at {} stopped", endpoint);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.warn("Could not delete {}", pidFile, e);
        }
    }

    @Override
    public String toString() {
        return "S3Proxy at " + endpoint;
    }
}
