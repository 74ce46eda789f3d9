package io.tandem.testsupport;

import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.mail.TestMailbox;
import io.tandem.testsupport.mail.VerificationCodes;

import java.util.Map;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs a person up the way a client app does: sign-up, then the code from the mail proves the address and makes the
 * account. Answers the verification's response: 201 with the new {@code user_id}.
 */
public final class SignUps {

    private SignUps() {
    }

    /** With the code from the test JVM's {@link TestMailbox}, where test applications send their mail. */
    public static ApiResponse signUp(ApiClient anonymous, String email, String password, String name) {
        return signUp(anonymous, email, password, name, TestMailbox.shared());
    }

    public static ApiResponse signUp(ApiClient anonymous, String email, String password, String name,
                                     VerificationCodes codes) {
        ApiResponse requested = anonymous.post("/api/auth/signup", json(Map.of("email", email, "password", password,
                                                                              "name", name)));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        ApiResponse verified = anonymous.post("/api/auth/signup/verify",
                                              json(Map.of("email", email, "code", codes.codeFor(email))));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(201);
        return verified;
    }
}
