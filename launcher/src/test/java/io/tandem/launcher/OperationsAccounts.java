package io.tandem.launcher;

import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.ApiClient;

import java.util.Map;
import java.util.UUID;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Accounts for the operations console: a new user, granted a role through the admin API, then signed in. */
final class OperationsAccounts {

    static final String ADMIN_EMAIL = "admin@tandem.test";
    static final String ADMIN_PASSWORD = "admin-pass-1";
    static final String PASSWORD = "secret123";

    private OperationsAccounts() {
    }

    record Account(String email, String userId, String token, ApiClient api) {
    }

    static String token(ApiClient anonymous, String email, String password) {
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }

    static ApiClient admin(ApiClient anonymous) {
        return anonymous.as(token(anonymous, ADMIN_EMAIL, ADMIN_PASSWORD));
    }

    /** A new account with this role (or only USER when role is null), signed in after the grant. */
    static Account withRole(ApiClient anonymous, String role) {
        String email = "ops-" + (role == null ? "user" : role.toLowerCase()) + "-" + UUID.randomUUID()
                       + "@example.com";
        ApiResponse signedUp = anonymous.post("/api/auth/signup", json(Map.of("email", email, "password", PASSWORD,
                                                                           "name", "Ops " + role)));
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        String userId = signedUp.json().get("user_id").asText();
        if (role != null) {
            ApiResponse granted = admin(anonymous).post("/api/admin/users/" + userId + "/roles",
                                                        json(Map.of("role", role)));
            assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
        }
        String token = token(anonymous, email, PASSWORD);
        return new Account(email, userId, token, anonymous.as(token));
    }
}
