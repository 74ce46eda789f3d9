package io.tandem.command;

import io.tandem.api.identity.IdentityCommands.SignUpUserCommand;
import io.tandem.api.identity.Role;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.LoopbackClient;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security review M3 (and the booking rate of H2): every endpoint an attacker can repeat cheaply answers 429
 * problem+json with Retry-After once its allowance is spent, counted in PostgreSQL so every node of the side shares
 * one count. The limits are tiny here; each test is a client with a loopback address of its own.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({CommandSideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
// periods of hours, so that what refills while a slow machine runs a test is far below one request
@TestPropertySource(properties = {
        "tandem.rate-limit.login-account=3/1h,5/1d",
        "tandem.rate-limit.login-address=4/1h",
        "tandem.rate-limit.signup-address=3/1h",
        "tandem.rate-limit.signup-email=2/1d",
        "tandem.rate-limit.signin-address=3/1h",
        "tandem.rate-limit.refresh-address=3/1h",
        "tandem.rate-limit.couple-match-user=3/1d",
        "tandem.rate-limit.booking-user=3/1h"})
class RateLimitApiTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    PasswordEncoder passwordEncoder;

    /** A client on an address no other test uses. */
    private LoopbackClient client() {
        return new LoopbackClient("http://127.0.0.1:" + port, "127.0.0." + ADDRESSES.incrementAndGet());
    }

    private String newAccount() {
        String email = "limited-" + UUID.randomUUID() + "@example.com";
        commands.sendAndWait(new SignUpUserCommand(UUID.randomUUID().toString(), email,
                                                   passwordEncoder.encode("secret123"), "R", Role.USER));
        return email;
    }

    private static ApiResponse login(LoopbackClient client, String email, String password) {
        return client.post("/api/auth/login", json(Map.of("username", email, "password", password)));
    }

    private static void assertLimited(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
    }

    @Test
    void guessingOnePasswordSlowsDownWhateverAddressTheGuessesComeFrom() {
        String email = newAccount();
        for (int i = 0; i < 3; i++) {
            assertThat(login(client(), email, "guess" + i + "abc").status()).isEqualTo(401);
        }
        assertLimited(login(client(), email, "guess4abc"));
        assertLimited(login(client(), email, "secret123"));
        assertThat(login(client(), newAccount(), "secret123").status()).as("other accounts").isEqualTo(200);
    }

    @Test
    void oneAddressTriesOnlySoManyLogins() {
        LoopbackClient client = client();
        for (int i = 0; i < 4; i++) {
            assertThat(login(client, "nobody-" + i + "@example.com", "secret123").status()).isEqualTo(401);
        }
        assertLimited(login(client, newAccount(), "secret123"));
        assertThat(login(client(), "nobody@example.com", "secret123").status()).as("other addresses")
                .isEqualTo(401);
    }

    @Test
    void signUpsAreLimitedPerAddressAndPerEmail() {
        LoopbackClient client = client();
        String email = "wanted-" + UUID.randomUUID() + "@example.com";
        String body = json(Map.of("email", email, "password", "secret123", "name", "S"));
        assertThat(client.post("/api/auth/signup", body).status()).isLessThan(300);
        assertThat(client().post("/api/auth/signup", body).status()).isLessThan(300);
        assertLimited(client().post("/api/auth/signup", body));

        for (int i = 0; i < 2; i++) {
            assertThat(client.post("/api/auth/signup", json(Map.of(
                    "email", UUID.randomUUID() + "@example.com", "password", "secret123", "name", "S"))).status())
                    .isLessThan(300);
        }
        assertLimited(client.post("/api/auth/signup", json(Map.of(
                "email", UUID.randomUUID() + "@example.com", "password", "secret123", "name", "S"))));
    }

    @Test
    void kakaoSignInAndRefreshAreLimitedPerAddress() {
        LoopbackClient client = client();
        String signIn = json(Map.of("provider", "kakao", "code", "c", "redirect_uri", "https://app/cb"));
        for (int i = 0; i < 3; i++) {
            assertThat(client.post("/api/auth/signin", signIn).status()).isNotEqualTo(429);
        }
        assertLimited(client.post("/api/auth/signin", signIn));

        String refresh = json(Map.of("refresh_token", "garbage"));
        for (int i = 0; i < 3; i++) {
            assertThat(client.post("/api/auth/refresh", refresh).status()).isEqualTo(401);
        }
        assertLimited(client.post("/api/auth/refresh", refresh));
    }

    @Test
    void guessingCoupleCodesIsLimitedPerUser() {
        LoopbackClient client = client();
        String email = newAccount();
        LoopbackClient user = client.as(login(client, email, "secret123").json().get("access_token").asText());
        for (int i = 0; i < 3; i++) {
            assertThat(user.post("/api/couple/match", json(Map.of("code", "ABCD234" + (i + 2)))).status())
                    .isEqualTo(404);
        }
        assertLimited(user.post("/api/couple/match", json(Map.of("code", "ABCD2399"))));
    }

    /** Security review H2: placing bookings is rate-limited per traveller, whatever the outcome of each. */
    @Test
    void placingBookingsIsLimitedPerTraveller() {
        LoopbackClient client = client();
        String email = newAccount();
        LoopbackClient user = client.as(login(client, email, "secret123").json().get("access_token").asText());
        String booking = json(Map.of("schedule_id", UUID.randomUUID().toString(), "seat_id", "1A",
                                     "passengers", List.of(Map.of("name", "Kim", "birth_date", "1995-03-01",
                                                                  "phone", "010-1234-5678"))));
        for (int i = 0; i < 3; i++) {
            assertThat(user.post("/api/bookings", booking).status()).isEqualTo(404);
        }
        assertLimited(user.post("/api/bookings", booking));
    }
}
