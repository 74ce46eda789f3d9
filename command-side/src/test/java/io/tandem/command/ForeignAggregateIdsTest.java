package io.tandem.command;

import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security review L6: an id of one kind of aggregate sent where another kind is expected (any UUID a client learned:
 * its own user id, a file id) answers exactly like an unknown id, never 500, and never reveals that the id exists.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({CommandSideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class ForeignAggregateIdsTest {

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private String userId;
    private ApiClient user;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        String email = "foreign-" + UUID.randomUUID() + "@example.com";
        userId = SignUps.signUp(anonymous, email, "secret123", "F").json().get("user_id").asText();
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", "secret123")));
        user = anonymous.as(login.json().get("access_token").asText());
    }

    @Test
    void aRefreshTokenNamingAFileIsJustAnInvalidToken() {
        ApiResponse uploaded = user.upload("/api/files", "file", "a.txt", "text/plain", "hello".getBytes());
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String crafted = uploaded.json().get("file_id").asText() + "." + UUID.randomUUID() + "." + "A".repeat(43);
        String unknown = UUID.randomUUID() + "." + UUID.randomUUID() + "." + "A".repeat(43);

        ApiResponse onAFile = anonymous.post("/api/auth/refresh", json(Map.of("refresh_token", crafted)));
        ApiResponse onNothing = anonymous.post("/api/auth/refresh", json(Map.of("refresh_token", unknown)));
        assertThat(onAFile.status()).as(onAFile.toString()).isEqualTo(401);
        assertThat(onAFile.json().get("code")).isEqualTo(onNothing.json().get("code"));
    }

    @Test
    void deletingTheFileWithYourOwnUserIdIsNotFound() {
        ApiResponse ownId = user.delete("/api/files/" + userId);
        ApiResponse unknown = user.delete("/api/files/" + UUID.randomUUID());
        assertThat(ownId.status()).as(ownId.toString()).isEqualTo(404);
        assertThat(ownId.contentType()).startsWith("application/problem+json");
        assertThat(ownId.json().get("code")).isEqualTo(unknown.json().get("code"));
    }

    @Test
    void readingTheNotificationWithYourOwnUserIdIsNotFound() {
        ApiResponse ownId = user.post("/api/notifications/" + userId + "/read", "{}");
        ApiResponse unknown = user.post("/api/notifications/" + UUID.randomUUID() + "/read", "{}");
        assertThat(ownId.status()).as(ownId.toString()).isEqualTo(404);
        assertThat(ownId.json().get("code")).isEqualTo(unknown.json().get("code"));
    }

    @Test
    void bookingASeatOnSomethingThatIsNoScheduleIsNotFound() {
        String seat = json(Map.of("schedule_id", userId, "seat_id", "1A", "passengers", List.of(Map.of(
                "name", "Kim", "birth_date", "1995-03-01", "phone", "010-1234-5678"))));
        ApiResponse onAUser = user.post("/api/bookings", seat);
        ApiResponse onNothing = user.post("/api/bookings", seat.replace(userId, UUID.randomUUID().toString()));
        assertThat(onAUser.status()).as(onAUser.toString()).isEqualTo(404);
        assertThat(onAUser.json().get("code")).isEqualTo(onNothing.json().get("code"));
    }

    @Test
    void erasingTheUserWithTheIdOfAFileIsNotFound() {
        ApiResponse uploaded = user.upload("/api/files", "file", "a.txt", "text/plain", "hello".getBytes());
        ApiClient admin = anonymous.as(anonymous.post("/api/auth/login", json(Map.of(
                "username", "admin@tandem.test", "password", "admin-pass-1"))).json().get("access_token").asText());

        ApiResponse onAFile = admin.delete("/api/admin/users/" + uploaded.json().get("file_id").asText());
        ApiResponse onNothing = admin.delete("/api/admin/users/" + UUID.randomUUID());
        assertThat(onAFile.status()).as(onAFile.toString()).isEqualTo(404);
        assertThat(onAFile.json().get("code")).isEqualTo(onNothing.json().get("code"));
        assertThat(user.delete("/api/files/" + uploaded.json().get("file_id").asText()).status())
                .as("the file is untouched").isEqualTo(204);
    }
}
