package io.tandem.launcher;

import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;

import java.util.Map;
import java.util.UUID;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** New users for couple tests, each signed in, and the two steps that make two of them a couple. */
final class CoupleUsers {

    private CoupleUsers() {
    }

    record User(String id, String token, ApiClient api) {
    }

    static User signUp(ApiClient anonymous, String name) {
        String email = "couple-" + UUID.randomUUID() + "@example.com";
        ApiResponse signedUp = SignUps.signUp(anonymous, email, "secret123", name);
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email,
                                                                        "password", "secret123")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String token = login.json().get("access_token").asText();
        return new User(signedUp.json().get("user_id").asText(), token, anonymous.as(token));
    }

    static String invite(User inviter) {
        ApiResponse invite = inviter.api().post("/api/couple/invite", "{}");
        assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
        return invite.json().get("code").asText();
    }

    static ApiResponse match(User user, String code) {
        return user.api().post("/api/couple/match", json(Map.of("code", code)));
    }

    static String link(User inviter, User invitee) {
        ApiResponse matched = match(invitee, invite(inviter));
        assertThat(matched.status()).as(matched.toString()).isEqualTo(200);
        return matched.json().get("couple_id").asText();
    }
}
