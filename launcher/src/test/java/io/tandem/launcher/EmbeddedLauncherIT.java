package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged launcher exactly as the README does ({@code java -jar}), on its embedded default: its own
 * PostgreSQL, Elasticsearch node and file directory under a data directory. A user's journey over HTTP, then a
 * restart on the same data directory, which must keep the user, the profile and the file.
 */
class EmbeddedLauncherIT {

    @TempDir
    Path dataDir;

    private Process running;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aUsersJourneyOverHttpSurvivesARestart() throws Exception {
        ApiClient api = start();

        ApiResponse signedUp = api.post("/api/auth/signup", json(Map.of(
                "email", "journey@example.com", "password", "journey123", "name", "Journey")));
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        String userId = signedUp.json().get("user_id").asText();

        JsonNode tokens = login(api);
        ApiResponse refreshed = api.post("/api/auth/refresh",
                                         json(Map.of("refresh_token", tokens.get("refresh_token").asText())));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        ApiClient user = api.as(refreshed.json().get("access_token").asText());

        assertThat(user.patch("/api/user/profile", json(Map.of("nickname", "jj"))).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ApiResponse profile = user.get("/api/user/profile");
            assertThat(profile.status()).isEqualTo(200);
            assertThat(profile.json().path("nickname").asText()).isEqualTo("jj");
        });

        ApiResponse image = user.upload("/api/user/profile/image", "image", "me.png", "image/png",
                                        TestImages.png(900, 600));
        assertThat(image.status()).as(image.toString()).isEqualTo(200);
        String imageUrl = image.json().get("profile_image_url").asText();
        assertThat(api.get(imageUrl).status()).isEqualTo(200);

        byte[] document = "Tandem keeps this file.\n".repeat(100).getBytes();
        ApiResponse uploaded = user.upload("/api/files", "file", "notes.txt", "text/plain", document);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String fileUrl = uploaded.json().get("url").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> user.get(fileUrl).status() == 200);
        assertThat(user.get(fileUrl).bytes()).isEqualTo(document);

        ApiResponse metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("(?m)^(commandBus|eventProcessor|eventStore)\\w*\\{");
        assertThat(api.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(api.get("/v3/api-docs").json().get("paths").has("/api/auth/signup")).isTrue();

        restart();

        JsonNode afterRestart = login(api);
        ApiClient sameUser = api.as(afterRestart.get("access_token").asText());
        ApiResponse profile = sameUser.get("/api/user/profile");
        assertThat(profile.json().get("user_id").asText()).isEqualTo(userId);
        assertThat(profile.json().get("nickname").asText()).isEqualTo("jj");
        assertThat(sameUser.get(fileUrl).bytes()).isEqualTo(document);
        assertThat(api.get(imageUrl).status()).isEqualTo(200);
        ApiResponse oldRefresh = api.post("/api/auth/refresh",
                                          json(Map.of("refresh_token", refreshed.json().get("refresh_token").asText())));
        assertThat(oldRefresh.status()).as("refresh tokens outlive a restart").isEqualTo(200);
    }

    private JsonNode login(ApiClient api) {
        ApiResponse response = api.post("/api/auth/login", json(Map.of(
                "username", "journey@example.com", "password", "journey123")));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Listens on the same port after a restart, as a deployed server would. */
    private ApiClient start() throws IOException {
        if (port == 0) {
            port = freePort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", launcherJar().toString(),
                "--server.port=" + port,
                "--tandem.data-dir=" + dataDir));
        running = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("launcher.log").toFile()))
                .start();
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(running.isAlive()).as("launcher exited; see " + dataDir.resolve("launcher.log")).isTrue();
            try {
                return api.get("/actuator/health/readiness").status() == 200;
            } catch (RuntimeException notYetListening) {
                return false;
            }
        });
        return api;
    }

    private void restart() throws Exception {
        running.destroy();
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("graceful shutdown").isTrue();
        start();
    }

    static Path launcherJar() throws IOException {
        try (var jars = Files.list(Path.of("target"))) {
            return jars.filter(path -> path.getFileName().toString().matches("launcher-.*\\.jar"))
                       .filter(path -> !path.getFileName().toString().endsWith("-plain.jar"))
                       .findFirst()
                       .orElseThrow(() -> new IllegalStateException("Run through Maven: the jar is built first"))
                       .toAbsolutePath();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
