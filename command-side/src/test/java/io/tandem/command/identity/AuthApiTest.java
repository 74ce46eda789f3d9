package io.tandem.command.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.identity.IdentityCommands.EraseUserCommand;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.Role;
import io.tandem.command.CommandSideApplication;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.kakao.KakaoLoopbackServer;
import io.tandem.testsupport.kakao.KakaoTestUser;
import io.tandem.testsupport.mail.TestMailbox;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({CommandSideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class AuthApiTest {

    private static final KakaoLoopbackServer KAKAO = startKakao();
    private static final String REDIRECT_URI = "https://app.example.com/oauth/kakao";

    @DynamicPropertySource
    static void kakao(DynamicPropertyRegistry registry) {
        registry.add("tandem.kakao.auth-base-url", KAKAO::baseUrl);
        registry.add("tandem.kakao.api-base-url", KAKAO::baseUrl);
        registry.add("tandem.kakao.client-id", () -> KakaoLoopbackServer.CLIENT_ID);
    }

    @AfterAll
    static void stopKakao() {
        KAKAO.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;
    @Autowired
    PasswordEncoder passwordEncoder;

    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A completed sign-up: requested, then verified with the mailed code. Answers 201 {@code {user_id}}. */
    private ApiResponse signUp(String email, String password) {
        return SignUps.signUp(api, email, password, "Kim");
    }

    /** Only the first step: the request that has a code mailed. */
    private ApiResponse requestSignUp(String email, String password) {
        return api.post("/api/auth/signup", json(Map.of("email", email, "password", password, "name", "Kim")));
    }

    private JsonNode login(String email, String password) {
        ApiResponse response = api.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void signUpThenLogInGivesATokenPair() {
        String email = uniqueEmail();
        ApiResponse signedUp = signUp(email, "secret123");
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        assertThat(signedUp.json().get("user_id").asText()).hasSize(36);

        JsonNode tokens = login(email.toUpperCase(), "secret123");
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(1800);
        assertThat(tokens.get("refresh_expires_in").asLong()).isEqualTo(7 * 24 * 3600);
        assertThat(tokens.get("access_token").asText().split("\\.")).hasSize(3);
        assertThat(tokens.get("refresh_token").asText()).startsWith(signedUp.json().get("user_id").asText());
    }

    @Test
    void theEventCarriesTheAuditMetadataAndNoPlainPersonalData() {
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        String signedUp = "WHERE aggregateidentifier = :id AND payloadtype LIKE '%UserSignedUpEvent'";
        String metadata = jdbc.sql("SELECT convert_from(metadata, 'UTF8') FROM domainevententry " + signedUp)
                              .param("id", userId).query(String.class).single();
        assertThat(metadata).contains("\"correlation_id\"");
        String payload = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry " + signedUp)
                             .param("id", userId).query(String.class).single();
        // email and password hash are personal data: encrypted with the user's key (docs/personal-data.md)
        assertThat(payload).doesNotContain(email).doesNotContain("secret123").doesNotContain("{bcrypt}")
                           .contains("\"userId\":\"" + userId + "\"").contains("\"email\":\"pd:v1:");
    }

    @Test
    void aMailedCodeMakesOneAccountEvenConfirmedManyTimesAtOnce() throws Exception {
        String email = uniqueEmail();
        assertThat(requestSignUp(email, "secret123").status()).isEqualTo(202);
        String code = TestMailbox.shared().codeFor(email);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(() -> api.post("/api/auth/signup/verify", json(Map.of("email", email, "code", code)))
                                      .status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 400);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM account_directory WHERE email = :email")
                       .param("email", email).query(Long.class).single()).isEqualTo(1);
        assertThat(requestSignUp(email, "other1234").status()).as("answered alike, but no code").isEqualTo(202);
        assertThat(jdbc.sql("SELECT count(*) FROM email_code WHERE email = :email")
                       .param("email", email).query(Long.class).single()).isZero();
    }

    @Test
    void aWrongCodeMakesNoAccountAndFiveWrongTriesSpendTheCode() {
        String email = uniqueEmail();
        requestSignUp(email, "secret123");
        String code = TestMailbox.shared().codeFor(email);
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 5; i++) {
            ApiResponse refused = api.post("/api/auth/signup/verify", json(Map.of("email", email, "code", wrong)));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("invalid_verification_code");
        }
        assertThat(api.post("/api/auth/signup/verify", json(Map.of("email", email, "code", code))).status())
                .as("the right code, too late").isEqualTo(400);
        assertThat(api.post("/api/auth/login", json(Map.of("username", email, "password", "secret123"))).status())
                .isEqualTo(401);
        assertThat(signUp(email, "secret123").status()).as("a new code works").isEqualTo(201);
    }

    @Test
    void badSignUpsAreRefusedNamingTheFieldAndStoreNothing() {
        long eventsBefore = eventCount();
        ApiResponse weak = requestSignUp(uniqueEmail(), "short");
        assertThat(weak.status()).as(weak.toString()).isEqualTo(400);
        assertThat(weak.json().has("errors")).as(weak.toString()).isTrue();
        assertThat(weak.json().get("errors").get(0).get("field").asText()).isEqualTo("password");

        ApiResponse badEmail = requestSignUp("not-an-email", "secret123");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("detail").asText()).contains("email");

        ApiResponse missingName = api.post("/api/auth/signup",
                                           json(Map.of("email", uniqueEmail(), "password", "secret123")));
        assertThat(missingName.status()).isEqualTo(400);
        assertThat(missingName.json().get("errors").get(0).get("field").asText()).isEqualTo("name");

        ApiResponse malformed = api.post("/api/auth/signup", "{\"email\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("code").asText()).isEqualTo("malformed_body");

        ApiResponse wrongType = api.post("/api/auth/signup", "{\"email\": [1], \"password\": \"x\", \"name\": \"n\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asText()).isEqualTo("email");

        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailLookTheSame() {
        String email = uniqueEmail();
        signUp(email, "secret123");
        ApiResponse wrongPassword = api.post("/api/auth/login",
                                             json(Map.of("username", email, "password", "wrong1234")));
        ApiResponse unknownEmail = api.post("/api/auth/login",
                                            json(Map.of("username", uniqueEmail(), "password", "wrong1234")));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownEmail.json().get("detail"));
        assertThat(wrongPassword.json().get("code")).isEqualTo(unknownEmail.json().get("code"));
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesItsFamily() {
        String email = uniqueEmail();
        signUp(email, "secret123");
        String first = login(email, "secret123").get("refresh_token").asText();
        String otherSession = login(email, "secret123").get("refresh_token").asText();

        ApiResponse rotated = api.post("/api/auth/refresh", json(Map.of("refresh_token", first)));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String second = rotated.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(rotated.json().get("access_token").asText()).isNotBlank();

        ApiResponse reused = api.post("/api/auth/refresh", json(Map.of("refresh_token", first)));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().get("code").asText()).isEqualTo("refresh_token_reused");

        ApiResponse afterRevocation = api.post("/api/auth/refresh", json(Map.of("refresh_token", second)));
        assertThat(afterRevocation.status()).isEqualTo(401);

        ApiResponse untouched = api.post("/api/auth/refresh", json(Map.of("refresh_token", otherSession)));
        assertThat(untouched.status()).isEqualTo(200);
    }

    @Test
    void garbageAndForgedRefreshTokensAreRejected() {
        assertThat(api.post("/api/auth/refresh", json(Map.of("refresh_token", "garbage"))).status())
                .isEqualTo(401);
        String forged = UUID.randomUUID() + "." + UUID.randomUUID() + "." + "A".repeat(43);
        assertThat(api.post("/api/auth/refresh", json(Map.of("refresh_token", forged))).status()).isEqualTo(401);
    }

    @Test
    void signOutRevokesEveryRefreshToken() {
        String email = uniqueEmail();
        signUp(email, "secret123");
        JsonNode session = login(email, "secret123");
        String other = login(email, "secret123").get("refresh_token").asText();

        assertThat(api.post("/api/auth/signout", "{}").status()).isEqualTo(401);
        ApiResponse signedOut = api.as(session.get("access_token").asText()).post("/api/auth/signout", "{}");
        assertThat(signedOut.status()).as(signedOut.toString()).isEqualTo(204);

        assertThat(api.post("/api/auth/refresh", json(Map.of("refresh_token", session.get("refresh_token").asText())))
                      .status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", json(Map.of("refresh_token", other))).status()).isEqualTo(401);
    }

    @Test
    void tamperedOrMissingAccessTokensGet401AndUsersGet403OnAdminPaths() {
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        String accessToken = login(email, "secret123").get("access_token").asText();
        String tampered = accessToken.substring(0, accessToken.length() - 4) + "AAAA";

        ApiResponse forgedCall = api.as(tampered).patch("/api/user/profile", json(Map.of("nickname", "x")));
        assertThat(forgedCall.status()).isEqualTo(401);
        assertThat(forgedCall.contentType()).startsWith("application/problem+json");

        ApiResponse asUser = api.as(accessToken).post("/api/admin/users/" + userId + "/roles",
                                                       json(Map.of("role", "ADMIN")));
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theConfiguredAdminCanGrantRoles() {
        String adminToken = login("admin@tandem.test", "admin-pass-1").get("access_token").asText();
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();

        ApiResponse granted = api.as(adminToken).post("/api/admin/users/" + userId + "/roles",
                                                      json(Map.of("role", "ADMIN")));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
        ApiResponse unknownRole = api.as(adminToken).post("/api/admin/users/" + userId + "/roles",
                                                          json(Map.of("role", "GOD")));
        assertThat(unknownRole.status()).isEqualTo(400);
        ApiResponse unknownUser = api.as(adminToken).post("/api/admin/users/" + UUID.randomUUID() + "/roles",
                                                          json(Map.of("role", "ADMIN")));
        assertThat(unknownUser.status()).isEqualTo(404);
    }

    @Test
    void profileChangesAnswerWithTheNewProfile() {
        String email = uniqueEmail();
        signUp(email, "secret123");
        ApiClient user = api.as(login(email, "secret123").get("access_token").asText());

        ApiResponse patched = user.patch("/api/user/profile", json(Map.of("nickname", "minji")));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("nickname").asText()).isEqualTo("minji");
        assertThat(patched.json().get("name").asText()).isEqualTo("Kim");

        ApiResponse alias = user.put("/api/auth/profile", json(Map.of("name", "Kim Minji")));
        assertThat(alias.json().get("name").asText()).isEqualTo("Kim Minji");
        assertThat(alias.json().get("nickname").asText()).isEqualTo("minji");

        String userId = patched.json().get("user_id").asText();
        String metadata = jdbc.sql("SELECT convert_from(metadata, 'UTF8') FROM domainevententry "
                                   + "WHERE aggregateidentifier = :id AND payloadtype LIKE '%ProfileUpdatedEvent' "
                                   + "ORDER BY sequencenumber LIMIT 1")
                              .param("id", userId).query(String.class).single();
        assertThat(metadata).contains("\"user_id\":\"" + userId + "\"").contains("\"correlation_id\"");

        assertThat(user.patch("/api/user/profile", "{}").status()).isEqualTo(400);
        assertThat(user.patch("/api/user/profile", json(Map.of("name", "  "))).status()).isEqualTo(400);
        assertThat(user.patch("/api/user/profile", json(Map.of("nickname", "x".repeat(31)))).status())
                .isEqualTo(400);
    }

    @Test
    void deletingTheAccountEndsSignInForGoodAndFreesTheEmail() {
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        JsonNode session = login(email, "secret123");
        ApiClient user = api.as(session.get("access_token").asText());

        ApiResponse deleted = user.delete("/api/user");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        ApiResponse loginAgain = api.post("/api/auth/login", json(Map.of("username", email, "password", "secret123")));
        assertThat(loginAgain.status()).isEqualTo(401);
        assertThat(loginAgain.json().get("code").asText()).isEqualTo("invalid_credentials");
        assertThat(api.post("/api/auth/refresh", json(Map.of("refresh_token", session.get("refresh_token").asText())))
                      .status()).isEqualTo(401);
        ApiResponse changeAfterwards = user.patch("/api/user/profile", json(Map.of("nickname", "x")));
        assertThat(changeAfterwards.status()).as("the access token ended with the account").isEqualTo(401);
        commands.sendAndWait(new EraseUserCommand(userId)); // erasing again changes nothing, and succeeds

        var key = jdbc.sql("SELECT key IS NULL AS gone, erased_at IS NOT NULL AS erased FROM personal_data_key "
                           + "WHERE subject_id = :id")
                      .param("id", userId)
                      .query((rs, row) -> List.of(rs.getBoolean("gone"), rs.getBoolean("erased")))
                      .single();
        assertThat(key).containsExactly(true, true);
        assertThat(jdbc.sql("SELECT count(*) FROM account_directory WHERE user_id = :id")
                       .param("id", userId).query(Long.class).single()).isZero();

        assertThat(signUp(email, "other1234").status()).as("the email is free again").isEqualTo(201);
        assertThat(login(email, "other1234").get("user_id").asText()).isNotEqualTo(userId);
    }

    @Test
    void onlyAdminsEraseOtherUsers() {
        String adminToken = login("admin@tandem.test", "admin-pass-1").get("access_token").asText();
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        String otherEmail = uniqueEmail();
        signUp(otherEmail, "secret123");
        ApiClient other = api.as(login(otherEmail, "secret123").get("access_token").asText());

        assertThat(other.delete("/api/admin/users/" + userId).status()).isEqualTo(403);
        login(email, "secret123");

        ApiClient admin = api.as(adminToken);
        ApiResponse unknown = admin.delete("/api/admin/users/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(admin.delete("/api/admin/users/not-a-uuid").status()).isEqualTo(400);

        ApiResponse erased = admin.delete("/api/admin/users/" + userId);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        assertThat(api.post("/api/auth/login", json(Map.of("username", email, "password", "secret123"))).status())
                .isEqualTo(401);
    }

    @Test
    void kakaoSignInSignsUpOnceAndThenSignsIn() {
        KakaoTestUser kakaoUser = new KakaoTestUser(Math.abs(UUID.randomUUID().getMostSignificantBits()),
                                                    "민지", null, false, "https://k.kakaocdn.net/p.jpg");
        JsonNode first = kakaoSignIn(KAKAO.issueCode(kakaoUser, REDIRECT_URI));
        JsonNode second = kakaoSignIn(KAKAO.issueCode(kakaoUser, REDIRECT_URI));
        assertThat(first.get("user_id").asText()).isEqualTo(second.get("user_id").asText());
        assertThat(first.get("access_token").asText()).isNotBlank();
    }

    @Test
    void kakaoWithAVerifiedEmailSignsInToTheExistingAccount() {
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        KakaoTestUser kakaoUser = new KakaoTestUser(Math.abs(UUID.randomUUID().getMostSignificantBits()),
                                                    "Kim", email, true, "https://k.kakaocdn.net/p.jpg");
        assertThat(kakaoSignIn(KAKAO.issueCode(kakaoUser, REDIRECT_URI)).get("user_id").asText())
                .isEqualTo(userId);
    }

    @Test
    void kakaoWithAnUnverifiedTakenEmailGetsAnAccountOfItsOwn() {
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        KakaoTestUser kakaoUser = new KakaoTestUser(Math.abs(UUID.randomUUID().getMostSignificantBits()),
                                                    "Kim", email, false, "https://k.kakaocdn.net/p.jpg");
        assertThat(kakaoSignIn(KAKAO.issueCode(kakaoUser, REDIRECT_URI)).get("user_id").asText())
                .isNotEqualTo(userId);
    }

    @Test
    void kakaoRefusalsAreClearErrors() {
        KakaoTestUser kakaoUser = new KakaoTestUser(42, "Kim", null, false, "https://k.kakaocdn.net/p.jpg");
        String code = KAKAO.issueCode(kakaoUser, REDIRECT_URI);
        ApiResponse wrongRedirect = api.post("/api/auth/signin", json(Map.of(
                "provider", "kakao", "code", code, "redirect_uri", "https://evil.example.com")));
        assertThat(wrongRedirect.status()).isEqualTo(401);
        assertThat(wrongRedirect.json().get("code").asText()).isEqualTo("kakao_code_rejected");

        ApiResponse otherProvider = api.post("/api/auth/signin", json(Map.of(
                "provider", "naver", "code", "x", "redirect_uri", REDIRECT_URI)));
        assertThat(otherProvider.status()).isEqualTo(400);

        ApiResponse missingCode = api.post("/api/auth/signin", json(Map.of(
                "provider", "kakao", "redirect_uri", REDIRECT_URI)));
        assertThat(missingCode.status()).isEqualTo(400);
        assertThat(missingCode.json().has("errors")).as(missingCode.toString()).isTrue();
        assertThat(missingCode.json().get("errors").get(0).get("field").asText()).isEqualTo("code");
    }

    /**
     * Security review H1 (pre-hijacking): an attacker signs up with the victim's email and a password of their own
     * before the victim first signs in with Kakao. Without the code mailed to the victim there is no such account, so
     * the Kakao sign-in cannot land in one the attacker can enter.
     */
    @Test
    void aKakaoSignInNeverEntersAnAccountSomeoneElseSignedUpWithItsEmail() {
        String email = uniqueEmail();
        api.post("/api/auth/signup", json(Map.of("email", email, "password", "Attack3r1", "name", "Mallory")));
        KakaoTestUser victim = new KakaoTestUser(Math.abs(UUID.randomUUID().getMostSignificantBits()),
                                                 "Victim", email, true, "https://k.kakaocdn.net/v.jpg");
        String victimId = kakaoSignIn(KAKAO.issueCode(victim, REDIRECT_URI)).get("user_id").asText();

        ApiResponse attacker = api.post("/api/auth/login", json(Map.of("username", email, "password", "Attack3r1")));
        assertThat(attacker.status()).as("the attacker's sign-up was never verified: " + attacker).isEqualTo(401);
        assertThat(kakaoSignIn(KAKAO.issueCode(victim, REDIRECT_URI)).get("user_id").asText()).isEqualTo(victimId);
    }

    /** H1: linking a verified account ends every session it had and tells its owner by mail. */
    @Test
    void kakaoLinkingEndsTheEarlierSessionsAndTellsTheOwner() {
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        JsonNode earlier = login(email, "secret123");
        KakaoTestUser kakaoUser = new KakaoTestUser(Math.abs(UUID.randomUUID().getMostSignificantBits()),
                                                    "Kim", email, true, "https://k.kakaocdn.net/p.jpg");
        JsonNode viaKakao = kakaoSignIn(KAKAO.issueCode(kakaoUser, REDIRECT_URI));
        assertThat(viaKakao.get("user_id").asText()).isEqualTo(userId);

        assertThat(api.post("/api/auth/refresh", json(Map.of("refresh_token", earlier.get("refresh_token").asText())))
                      .status()).as("the earlier refresh token").isEqualTo(401);
        assertThat(api.as(earlier.get("access_token").asText()).patch("/api/user/profile",
                                                                       json(Map.of("nickname", "x"))).status())
                .as("the earlier access token").isEqualTo(401);
        assertThat(api.as(viaKakao.get("access_token").asText()).patch("/api/user/profile",
                                                                        json(Map.of("nickname", "x"))).status())
                .isEqualTo(200);
        assertThat(TestMailbox.shared().latestTextTo(email, "Kakao")).contains("linked");
    }

    /** H1: a signed-in user links Kakao on purpose by proving their password; a wrong one links nothing. */
    @Test
    void aSignedInUserLinksKakaoWithTheirPassword() {
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        JsonNode session = login(email, "secret123");
        ApiClient user = api.as(session.get("access_token").asText());
        KakaoTestUser kakaoUser = new KakaoTestUser(Math.abs(UUID.randomUUID().getMostSignificantBits()),
                                                    "Kim", "other-" + email, false, "https://k.kakaocdn.net/p.jpg");

        ApiResponse wrongPassword = user.post("/api/user/kakao", json(Map.of(
                "code", KAKAO.issueCode(kakaoUser, REDIRECT_URI), "redirect_uri", REDIRECT_URI,
                "password", "wrong1234")));
        assertThat(wrongPassword.status()).as(wrongPassword.toString()).isEqualTo(401);
        assertThat(wrongPassword.json().get("code").asText()).isEqualTo("invalid_credentials");

        ApiResponse linked = user.post("/api/user/kakao", json(Map.of(
                "code", KAKAO.issueCode(kakaoUser, REDIRECT_URI), "redirect_uri", REDIRECT_URI,
                "password", "secret123")));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.json().get("user_id").asText()).isEqualTo(userId);
        assertThat(kakaoSignIn(KAKAO.issueCode(kakaoUser, REDIRECT_URI)).get("user_id").asText()).isEqualTo(userId);
        assertThat(api.post("/api/auth/refresh", json(Map.of("refresh_token", session.get("refresh_token").asText())))
                      .status()).as("the session that linked gets a new pair; its old refresh token ends")
                .isEqualTo(401);
        assertThat(TestMailbox.shared().latestTextTo(email, "Kakao")).contains("linked");
    }

    /** Security review L7: whether an email has an account is not something sign-up tells anyone but its owner. */
    @Test
    void signUpAnswersAlikeWhetherOrNotTheEmailHasAnAccount() {
        String taken = uniqueEmail();
        signUp(taken, "secret123");
        ApiResponse again = api.post("/api/auth/signup", json(Map.of("email", taken, "password", "other1234",
                                                                    "name", "Kim")));
        ApiResponse fresh = api.post("/api/auth/signup", json(Map.of("email", uniqueEmail(), "password", "other1234",
                                                                    "name", "Kim")));
        assertThat(again.status()).as(again.toString()).isEqualTo(fresh.status());
        assertThat(again.body()).isEqualTo(fresh.body());
        assertThat(TestMailbox.shared().latestTextTo(taken, "already")).contains("already have an account");
        assertThat(login(taken, "secret123").get("user_id").asText()).isNotBlank();
    }

    /** Security review L9: signing out ends the access tokens already handed out, not only the refresh tokens. */
    @Test
    void signingOutEndsTheAccessTokensAlreadyIssued() {
        String email = uniqueEmail();
        signUp(email, "secret123");
        ApiClient user = api.as(login(email, "secret123").get("access_token").asText());
        assertThat(user.post("/api/auth/signout", "{}").status()).isEqualTo(204);

        ApiResponse afterwards = user.patch("/api/user/profile", json(Map.of("nickname", "x")));
        assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(401);
        assertThat(afterwards.contentType()).startsWith("application/problem+json");
        assertThat(api.as(login(email, "secret123").get("access_token").asText())
                      .patch("/api/user/profile", json(Map.of("nickname", "x"))).status())
                .as("a new sign-in works at once").isEqualTo(200);
    }

    /** L9: a role change takes effect on the tokens already issued; refreshing gives the new roles. */
    @Test
    void aRoleChangeEndsTheAccessTokensAlreadyIssued() {
        String adminToken = login("admin@tandem.test", "admin-pass-1").get("access_token").asText();
        String email = uniqueEmail();
        String userId = signUp(email, "secret123").json().get("user_id").asText();
        JsonNode session = login(email, "secret123");

        assertThat(api.as(adminToken).post("/api/admin/users/" + userId + "/roles",
                                           json(Map.of("role", "ADMIN"))).status()).isEqualTo(204);
        assertThat(api.as(session.get("access_token").asText())
                      .patch("/api/user/profile", json(Map.of("nickname", "x"))).status()).isEqualTo(401);
        ApiResponse refreshed = api.post("/api/auth/refresh",
                                         json(Map.of("refresh_token", session.get("refresh_token").asText())));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(api.as(refreshed.json().get("access_token").asText())
                      .post("/api/admin/users/" + userId + "/roles", json(Map.of("role", "ADMIN"))).status())
                .as("the refreshed token carries ADMIN").isEqualTo(204);
    }

    /** L9: a token that only came from a refresh cannot erase the account; the password or a fresh sign-in can. */
    @Test
    void erasureNeedsThePasswordOrAFreshSignIn() {
        String email = uniqueEmail();
        signUp(email, "secret123");
        JsonNode session = login(email, "secret123");
        ApiClient refreshedOnly = api.as(api.post("/api/auth/refresh", json(Map.of(
                "refresh_token", session.get("refresh_token").asText()))).json().get("access_token").asText());

        ApiResponse withoutProof = refreshedOnly.delete("/api/user");
        assertThat(withoutProof.status()).as(withoutProof.toString()).isEqualTo(403);
        assertThat(withoutProof.json().get("code").asText()).isEqualTo("reauthentication_required");
        ApiResponse wrongPassword = refreshedOnly.delete("/api/user", json(Map.of("password", "wrong1234")));
        assertThat(wrongPassword.status()).isEqualTo(403);
        assertThat(login(email, "secret123").get("user_id").asText()).as("still there").isNotBlank();

        ApiResponse erased = refreshedOnly.delete("/api/user", json(Map.of("password", "secret123")));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
    }

    /**
     * H1 for accounts made before sign-ups were verified: Kakao never links to one by itself, and it may not book,
     * until its owner confirms a code mailed to its address from a signed-in session.
     */
    @Test
    void anAccountFromBeforeVerificationConfirmsItsEmailBeforeKakaoLinksOrItBooks() {
        String email = uniqueEmail();
        String userId = UUID.randomUUID().toString();
        events.publish(new GenericDomainEventMessage<>("UserAccount", userId, 0, new UserSignedUpEvent(
                userId, email, passwordEncoder.encode("secret123"), "Old", Role.USER, null, null)));
        jdbc.sql("INSERT INTO account_directory (user_id, email, password_hash, verified) "
                 + "VALUES (:id, :email, :hash, false)")
            .param("id", userId).param("email", email).param("hash", passwordEncoder.encode("secret123")).update();
        KakaoTestUser kakaoUser = new KakaoTestUser(Math.abs(UUID.randomUUID().getMostSignificantBits()),
                                                    "Kim", email, true, "https://k.kakaocdn.net/p.jpg");
        assertThat(kakaoSignIn(KAKAO.issueCode(kakaoUser, REDIRECT_URI)).get("user_id").asText())
                .as("not linked automatically").isNotEqualTo(userId);

        ApiClient user = api.as(login(email, "secret123").get("access_token").asText());
        String booking = json(Map.of("schedule_id", UUID.randomUUID().toString(), "seat_id", "1A", "passengers",
                                     List.of(Map.of("name", "Kim", "birth_date", "1990-01-01",
                                                    "phone", "010-1234-5678"))));
        ApiResponse unverifiedBooking = user.post("/api/bookings", booking);
        assertThat(unverifiedBooking.status()).as(unverifiedBooking.toString()).isEqualTo(403);
        assertThat(unverifiedBooking.json().get("code").asText()).isEqualTo("email_not_verified");

        assertThat(user.post("/api/user/email/verification", "{}").status()).isEqualTo(202);
        ApiResponse verified = user.post("/api/user/email/verify",
                                         json(Map.of("code", TestMailbox.shared().codeFor(email))));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
        assertThat(user.post("/api/user/email/verification", "{}").json().get("code").asText())
                .isEqualTo("email_already_verified");
        assertThat(user.post("/api/bookings", booking).status()).as("no such schedule, but allowed to try")
                .isEqualTo(404);
    }

    private JsonNode kakaoSignIn(String code) {
        ApiResponse response = api.post("/api/auth/signin", json(Map.of(
                "provider", "kakao", "code", code, "redirect_uri", REDIRECT_URI)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    private static KakaoLoopbackServer startKakao() {
        try {
            return new KakaoLoopbackServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
