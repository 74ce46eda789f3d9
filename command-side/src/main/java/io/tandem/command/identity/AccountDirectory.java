package io.tandem.command.identity;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which account owns which email and Kakao id. Claims are written inside the unit of work that stores the
 * account's events, so of two concurrent sign-ups with one email the unique constraint lets exactly one commit.
 */
@Component
class AccountDirectory {

    private final JdbcClient jdbc;

    AccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void claim(String userId, String email, String passwordHash, Long kakaoId) {
        try {
            jdbc.sql("""
                     INSERT INTO account_directory (user_id, email, password_hash, kakao_id)
                     VALUES (:userId, :email, :passwordHash, :kakaoId)
                     """)
                .param("userId", userId)
                .param("email", email)
                .param("passwordHash", passwordHash)
                .param("kakaoId", kakaoId)
                .update();
        } catch (DuplicateKeyException e) {
            throw alreadyTaken(kakaoId);
        }
    }

    void claimKakaoId(String userId, long kakaoId) {
        try {
            jdbc.sql("UPDATE account_directory SET kakao_id = :kakaoId WHERE user_id = :userId")
                .param("kakaoId", kakaoId)
                .param("userId", userId)
                .update();
        } catch (DuplicateKeyException e) {
            throw alreadyTaken(kakaoId);
        }
    }

    /** Forgets the account's email, password hash and Kakao id, so the email can sign up again. */
    void release(String userId) {
        jdbc.sql("DELETE FROM account_directory WHERE user_id = :userId").param("userId", userId).update();
    }

    Optional<Credentials> findByEmail(String email) {
        return jdbc.sql("SELECT user_id, password_hash FROM account_directory WHERE email = :email")
                   .param("email", email)
                   .query((rs, row) -> new Credentials(rs.getString("user_id"), rs.getString("password_hash")))
                   .optional();
    }

    Optional<String> findUserIdByKakaoId(long kakaoId) {
        return jdbc.sql("SELECT user_id FROM account_directory WHERE kakao_id = :kakaoId")
                   .param("kakaoId", kakaoId)
                   .query(String.class)
                   .optional();
    }

    private static RejectedException alreadyTaken(Long kakaoId) {
        return kakaoId == null
                ? new RejectedException(Rejection.conflict("email_taken", "An account with this email exists."))
                : new RejectedException(Rejection.conflict("kakao_account_taken",
                                                           "This Kakao account is already linked."));
    }

    /** {@code passwordHash} is null for accounts that only sign in through Kakao. */
    record Credentials(String userId, String passwordHash) {
    }
}
