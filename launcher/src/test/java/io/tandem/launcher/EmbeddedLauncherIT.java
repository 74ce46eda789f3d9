package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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

    private LauncherProcess launcher;

    @AfterEach
    void stop() throws InterruptedException {
        launcher.close();
    }

    @Test
    void aUsersJourneyOverHttpSurvivesARestart() throws Exception {
        launcher = new LauncherProcess(dataDir, "--tandem.admin.email=admin@journey.test",
                                       "--tandem.admin.password=admin-pass-1");
        ApiClient api = launcher.start();

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

        // metrics and the API document are for administrators on a launcher exposed as it is (review L3)
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(user.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.get("/v3/api-docs").status()).isEqualTo(401);
        ApiClient admin = api.as(api.post("/api/auth/login", json(Map.of(
                "username", "admin@journey.test", "password", "admin-pass-1"))).json().get("access_token").asText());
        ApiResponse metrics = admin.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("(?m)^(commandBus|eventProcessor|eventStore)\\w*\\{");
        assertThat(api.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(admin.get("/v3/api-docs").json().get("paths").has("/api/auth/signup")).isTrue();

        launcher.stop();
        launcher.start();

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
}
