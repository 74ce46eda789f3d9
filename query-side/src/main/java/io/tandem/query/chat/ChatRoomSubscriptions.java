package io.tandem.query.chat;

import io.tandem.query.live.SubscriptionPolicy;
import org.springframework.stereotype.Component;

/** Only the two partners may subscribe to their couple's room, {@code /topic/couples/{couple_id}/chat}. */
@Component
class ChatRoomSubscriptions implements SubscriptionPolicy {

    static final String PREFIX = "/topic/couples/";

    private final ChatRooms rooms;

    ChatRoomSubscriptions(ChatRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public boolean governs(String destination) {
        return destination.startsWith(PREFIX);
    }

    @Override
    public boolean allows(String userId, String destination) {
        return rooms.of(userId).map(room -> destination.equals(ChatPush.roomTopic(room.coupleId()))).orElse(false);
    }
}
