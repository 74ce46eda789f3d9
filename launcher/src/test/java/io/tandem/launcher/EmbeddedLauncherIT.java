package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged launcher exactly as the README does ({@code java -jar}), on its embedded default: its own
 * PostgreSQL, Elasticsearch node and file directory under a data directory, with the sample data and a configured
 * administrator. A first look at the sample flights and a user's journey over HTTP, then a restart on the same data
 * directory, which must keep the user, the profile and the file, and add no second copy of the sample data.
 */
class EmbeddedLauncherIT {

    private static final String ADMIN_EMAIL = "first.admin@example.com";

    @TempDir
    Path dataDir;

    private LauncherProcess launcher;

    @AfterEach
    void stop() throws InterruptedException {
        launcher.close();
    }

    @Test
    void aUsersJourneyOverHttpSurvivesARestart() throws Exception {
        launcher = new LauncherProcess(dataDir, "--tandem.sample-data=true", "--tandem.admin.email=" + ADMIN_EMAIL,
                                       "--tandem.admin.password=first-admin-1");
        ApiClient api = launcher.start();
        assertThat(launcherLog()).containsPattern("Starting embedded PostgreSQL with data in .*postgres")
                .containsPattern("PostgreSQL started in \\d+ ms")
                .containsPattern("Starting embedded Elasticsearch with data in .*elasticsearch")
                .containsPattern("Elasticsearch \\S+ started in \\d+ ms")
                .containsPattern("File storage ready in \\d+ ms: files in .*files")
                .contains("Administrator from tandem.admin.email: created the account f***@example.com")
                .doesNotContain(ADMIN_EMAIL);
        seeSampleFlights(api);

        // no SMTP server is configured: the verification code is in the log, as the README says
        ApiResponse signedUp = SignUps.signUp(api, "journey@example.com", "journey123", "Journey",
                                              launcher::codeFromLog);
        String userId = signedUp.json().get("user_id").asText();
        // the generated secrets are readable by their owner only (security review L10)
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt-secret"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres-password"))))
                .isEqualTo("rw-------");

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
                "username", ADMIN_EMAIL, "password", "first-admin-1"))).json().get("access_token").asText());
        ApiResponse metrics = admin.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("(?m)^(commandBus|eventProcessor|eventStore)\\w*\\{");
        assertThat(api.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(admin.get("/v3/api-docs").json().get("paths").has("/api/auth/signup")).isTrue();
        // time travel replays the aggregate class itself, inspected as the packaged jar's Axon inspects it
        ApiResponse signedUpState = admin.get("/api/admin/audit/aggregates/" + userId + "/state?seq=0");
        assertThat(signedUpState.status()).as(signedUpState.toString()).isEqualTo(200);
        assertThat(signedUpState.json().get("rebuilt_with").asText()).isEqualTo("aggregate");
        assertThat(signedUpState.json().at("/state/userId").asText()).isEqualTo(userId);
        ApiResponse nicknameBlame = admin.get("/api/admin/audit/aggregates/" + userId + "/blame?field=nickname");
        assertThat(nicknameBlame.status()).as(nicknameBlame.toString()).isEqualTo(200);
        assertThat(nicknameBlame.json().get("value").asText()).isEqualTo("jj");

        launcher.stop();
        launcher.start();
        assertThat(launcherLog()).contains("the account f***@example.com (").doesNotContain(ADMIN_EMAIL)
                .containsPattern("Sample data \\(tandem.sample-data\\): 0 flights, \\d+ schedules, 0 discount and 0 "
                                 + "promotion added");
        seeSampleFlights(api);

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

    /**
     * The README's first search: tomorrow's Seoul (Gimpo) to Jeju flights, the sample timetable's four daily ones
     * (after a restart too: no second copy), with the sample discount.
     */
    private static void seeSampleFlights(ApiClient api) {
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(1).toString();
        // search follows the events: the discount, added after the departures, may take a moment longer
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode schedules = api.get("/api/flights/search?departure=GMP&arrival=CJU&date=" + tomorrow).json()
                                    .get("schedules");
            assertThat(schedules).hasSize(4);
            JsonNode cabin = schedules.get(0).get("cabins").get(0);
            assertThat(cabin.get("fare").asLong()).as("10 % off Seoul-Jeju")
                    .isEqualTo(cabin.get("base_fare").asLong() * 9 / 10);
            assertThat(api.get("/api/flights/promotions").body()).contains("오사카 특가");
        });
    }

    private String launcherLog() throws IOException {
        return Files.readString(dataDir.resolve("launcher.log"));
    }

    private JsonNode login(ApiClient api) {
        ApiResponse response = api.post("/api/auth/login", json(Map.of(
                "username", "journey@example.com", "password", "journey123")));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
