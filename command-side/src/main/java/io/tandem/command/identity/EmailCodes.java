package io.tandem.command.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Six-digit codes mailed to prove an address, one live code per address (a new one replaces the last). A code is
 * good once, until it expires, and for 5 tries: then it is gone, and only a new mail brings another. Codes are kept
 * as SHA-256 hashes.
 */
@Component
class EmailCodes {

    static final int MAX_TRIES = 5;

    private final JdbcClient jdbc;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();

    EmailCodes(JdbcClient jdbc, @Value("${tandem.identity.email-code-validity:30m}") Duration validity) {
        this.jdbc = jdbc;
        this.validity = validity;
    }

    Duration validity() {
        return validity;
    }

    /** A code that makes the account once confirmed, with the password hash and name given at sign-up. */
    @Transactional
    String issueForSignUp(String email, String passwordHash, String name) {
        return issue(email, null, passwordHash, name);
    }

    /** A code that proves the address of the existing account {@code userId}. */
    @Transactional
    String issueForAccount(String email, String userId) {
        return issue(email, userId, null, null);
    }

    /** What the code was issued for, if {@code code} is the live code of {@code email}; the code is then spent. */
    @Transactional
    Optional<Pending> redeem(String email, String code) {
        Optional<Pending> pending = jdbc.sql("""
                                             DELETE FROM email_code
                                             WHERE email = :email AND code_hash = :hash AND expires_at > now()
                                             RETURNING user_id, password_hash, name
                                             """)
                                        .param("email", email)
                                        .param("hash", TokenService.sha256(code))
                                        .query((rs, row) -> new Pending(rs.getString("user_id"),
                                                                        rs.getString("password_hash"),
                                                                        rs.getString("name")))
                                        .optional();
        if (pending.isEmpty()) {
            jdbc.sql("UPDATE email_code SET failed_attempts = failed_attempts + 1 WHERE email = :email")
                .param("email", email).update();
            jdbc.sql("DELETE FROM email_code WHERE email = :email AND failed_attempts >= :max")
                .param("email", email).param("max", MAX_TRIES).update();
        }
        return pending;
    }

    private String issue(String email, String userId, String passwordHash, String name) {
        jdbc.sql("DELETE FROM email_code WHERE expires_at <= now()").update();
        String code = "%06d".formatted(random.nextInt(1_000_000));
        jdbc.sql("""
                 INSERT INTO email_code (email, code_hash, expires_at, failed_attempts, user_id, password_hash, name)
                 VALUES (:email, :hash, :expiresAt, 0, :userId, :passwordHash, :name)
                 ON CONFLICT (email) DO UPDATE
                 SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, failed_attempts = 0,
                     user_id = excluded.user_id, password_hash = excluded.password_hash, name = excluded.name
                 """)
            .param("email", email)
            .param("hash", TokenService.sha256(code))
            .param("expiresAt", utc(Instant.now().plus(validity)))
            .param("userId", userId)
            .param("passwordHash", passwordHash)
            .param("name", name)
            .update();
        return code;
    }

    /** For a sign-up {@code userId} is null; for an existing account the password hash and name are. */
    record Pending(String userId, String passwordHash, String name) {

        boolean isSignUp() {
            return userId == null;
        }
    }
}
