package io.tandem.command.couple;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Who is in which couple, on the command side. A match claims both partners' rows inside the unit of work that
 * stores the couple's events, and the primary key on the user lets a user be in one couple only: of two matches
 * racing for the same user exactly one commits. Other features (chat) ask it whom a couple's messages are for.
 */
@Component
public class CoupleMembership {

    private final JdbcClient jdbc;

    CoupleMembership(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The couple the user is in now, if any. */
    public Optional<String> coupleOf(String userId) {
        return jdbc.sql("SELECT couple_id FROM couple_membership WHERE user_id = :userId")
                   .param("userId", userId)
                   .query(String.class)
                   .optional();
    }

    public record Partnership(String coupleId, String partnerId) {
    }

    /** The user's couple and partner in one read, for per-message paths such as the chat. */
    public Optional<Partnership> partnershipOf(String userId) {
        return jdbc.sql("""
                        SELECT mine.couple_id, theirs.user_id AS partner_id
                        FROM couple_membership mine
                        JOIN couple_membership theirs
                          ON theirs.couple_id = mine.couple_id AND theirs.user_id <> mine.user_id
                        WHERE mine.user_id = :userId
                        """)
                   .param("userId", userId)
                   .query((rs, row) -> new Partnership(rs.getString("couple_id"), rs.getString("partner_id")))
                   .optional();
    }

    /** The caller's couple, or NOT_FOUND {@code not_in_couple}. */
    String requireCoupleOf(String userId) {
        return coupleOf(userId).orElseThrow(CoupleRejections::notInCouple);
    }

    /** Both partners of a couple that is still together; nobody once it is disconnected. */
    public List<String> membersOf(String coupleId) {
        return jdbc.sql("SELECT user_id FROM couple_membership WHERE couple_id = :coupleId ORDER BY user_id")
                   .param("coupleId", coupleId)
                   .query(String.class)
                   .list();
    }

    /**
     * Claims both users for the couple in one statement, rows in user id order: two matches that share users then
     * take the row locks in the same order, so one waits for the other instead of both deadlocking.
     */
    void claim(String coupleId, String oneUser, String otherUser) {
        String first = oneUser.compareTo(otherUser) < 0 ? oneUser : otherUser;
        String second = first.equals(oneUser) ? otherUser : oneUser;
        try {
            jdbc.sql("INSERT INTO couple_membership (user_id, couple_id) VALUES (:first, :coupleId), "
                     + "(:second, :coupleId)")
                .param("first", first)
                .param("second", second)
                .param("coupleId", coupleId)
                .update();
        } catch (DuplicateKeyException e) {
            throw CoupleRejections.alreadyInCouple();
        }
    }

    void release(String coupleId) {
        jdbc.sql("DELETE FROM couple_membership WHERE couple_id = :coupleId").param("coupleId", coupleId).update();
    }
}
