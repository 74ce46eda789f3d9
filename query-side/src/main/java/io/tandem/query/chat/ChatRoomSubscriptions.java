package io.tandem.query.chat;

import io.tandem.query.couple.ActiveCouples;
import io.tandem.query.live.SubscriptionPolicy;
import org.springframework.stereotype.Component;

/** Only the two partners may subscribe to their couple's room, {@code /topic/couples/{couple_id}/chat}. */
@Component
class ChatRoomSubscriptions implements SubscriptionPolicy {

    static final String PREFIX = "/topic/couples/";

    private final ActiveCouples couples;

    ChatRoomSubscriptions(ActiveCouples couples) {
        this.couples = couples;
    }

    @Override
    public boolean governs(String destination) {
        return destination.startsWith(PREFIX);
    }

    @Override
    public boolean allows(String userId, String destination) {
        return couples.of(userId).map(couple -> destination.equals(ChatPush.roomTopic(couple.coupleId())))
                      .orElse(false);
    }
}
