package io.tandem.command.identity;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Which account owns which email and Kakao id, and whether its owner proved the identity it was made with. Claims
 * are written inside the unit of work that stores the account's events, so of two concurrent sign-ups with one
 * email the unique constraint lets exactly one commit.
 */
@Component
class AccountDirectory {

    private static final String COLUMNS = "user_id, email, password_hash, verified";

    private final JdbcClient jdbc;

    AccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account made from now on is verified: by a mailed code, by Kakao, or by the operator's configuration. */
    void claim(String userId, String email, String passwordHash, Long kakaoId) {
        try {
            jdbc.sql("""
                     INSERT INTO account_directory (user_id, email, password_hash, kakao_id, verified)
                     VALUES (:userId, :email, :passwordHash, :kakaoId, true)
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

    void markVerified(String userId) {
        jdbc.sql("UPDATE account_directory SET verified = true WHERE user_id = :userId").param("userId", userId)
            .update();
    }

    /** Forgets the account's email, password hash and Kakao id, so the email can sign up again. */
    void release(String userId) {
        jdbc.sql("DELETE FROM account_directory WHERE user_id = :userId").param("userId", userId).update();
    }

    Optional<Credentials> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account_directory WHERE email = :email")
                   .param("email", email)
                   .query(AccountDirectory::credentials)
                   .optional();
    }

    Optional<Credentials> findById(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account_directory WHERE user_id = :userId")
                   .param("userId", userId)
                   .query(AccountDirectory::credentials)
                   .optional();
    }

    Optional<String> findUserIdByKakaoId(long kakaoId) {
        return jdbc.sql("SELECT user_id FROM account_directory WHERE kakao_id = :kakaoId")
                   .param("kakaoId", kakaoId)
                   .query(String.class)
                   .optional();
    }

    private static Credentials credentials(ResultSet rs, int row) throws SQLException {
        return new Credentials(rs.getString("user_id"), rs.getString("email"), rs.getString("password_hash"),
                               rs.getBoolean("verified"));
    }

    private static RejectedException alreadyTaken(Long kakaoId) {
        return kakaoId == null
                ? new RejectedException(Rejection.conflict("email_taken", "An account with this email exists."))
                : new RejectedException(Rejection.conflict("kakao_account_taken",
                                                           "This Kakao account is already linked."));
    }

    /**
     * {@code passwordHash} is null for accounts that only sign in through Kakao, {@code email} for Kakao accounts
     * without a verified one; {@code verified} is false for accounts made before sign-ups proved the address.
     */
    record Credentials(String userId, String email, String passwordHash, boolean verified) {
    }
}
