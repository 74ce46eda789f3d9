package io.tandem.query.chat;

import io.tandem.api.consistency.ReadModels;
import io.tandem.platform.consistency.ReadYourWrites;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Which couple's room a user may read and subscribe to: the couple they are linked in now. Partners may come in the
 * moment they are linked, possibly before this node's couples read model has the couple (one hears of the match
 * from the other): a user is found in no room only after that read model has handled every event committed so
 * far, so a member is never turned away.
 */
@Component
class ChatRooms {

    private final JdbcClient jdbc;
    private final BooleanSupplier couplesCaughtUp;

    @Autowired
    ChatRooms(JdbcClient jdbc, ReadYourWrites readYourWrites) {
        this(jdbc, () -> readYourWrites.catchUp(ReadModels.COUPLES));
    }

    /** With {@code couplesCaughtUp} waiting until the couples read model has every committed event. */
    ChatRooms(JdbcClient jdbc, BooleanSupplier couplesCaughtUp) {
        this.jdbc = jdbc;
        this.couplesCaughtUp = couplesCaughtUp;
    }

    record Room(String coupleId, String partnerId) {
    }

    Optional<Room> of(String userId) {
        Optional<Room> room = linked(userId);
        return room.isEmpty() && couplesCaughtUp.getAsBoolean() ? linked(userId) : room;
    }

    private Optional<Room> linked(String userId) {
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
