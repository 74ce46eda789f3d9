package io.tandem.query.chat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Which couple's room a user may read and subscribe to: the couple they are linked in now. */
@Component
class ChatRooms {

    private final JdbcClient jdbc;

    ChatRooms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Room(String coupleId, String partnerId) {
    }

    Optional<Room> of(String userId) {
        return jdbc.sql("""
                        SELECT couple_id, CASE WHEN inviter_id = :userId THEN invitee_id ELSE inviter_id END AS partner
                        FROM couple
                        WHERE disconnected_at IS NULL AND (inviter_id = :userId OR invitee_id = :userId)
                        """)
                   .param("userId", userId)
                   .query((rs, row) -> new Room(rs.getString("couple_id"), rs.getString("partner")))
                   .optional();
    }
}
