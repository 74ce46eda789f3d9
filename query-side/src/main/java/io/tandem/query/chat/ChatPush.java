package io.tandem.query.chat;

import io.tandem.api.chat.ChatEvents.ChatMessageSentEvent;
import io.tandem.api.chat.ChatEvents.ChatReadUpToEvent;
import io.tandem.platform.replay.SideEffect;
import io.tandem.query.live.Live;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Delivers messages and read receipts to the room's subscribers connected to this node. */
@Component
@SideEffect("pushes chat messages and read receipts to connected sockets")
@ProcessingGroup(Live.PROCESSING_GROUP)
class ChatPush {

    private final SimpMessagingTemplate sockets;

    ChatPush(SimpMessagingTemplate sockets) {
        this.sockets = sockets;
    }

    static String roomTopic(String coupleId) {
        return ChatRoomSubscriptions.PREFIX + coupleId + "/chat";
    }

    record LiveMessage(String type, String messageId, String senderId, String text, String fileId, Instant sentAt) {
    }

    record LiveReadReceipt(String type, String readerId, String messageId, Instant messageSentAt) {
    }

    @EventHandler
    void on(ChatMessageSentEvent event) {
        sockets.convertAndSend(roomTopic(event.coupleId()), new LiveMessage(
                "message", event.messageId(), event.senderId(), event.text(), event.fileId(), event.sentAt()));
    }

    @EventHandler
    void on(ChatReadUpToEvent event) {
        sockets.convertAndSend(roomTopic(event.coupleId()), new LiveReadReceipt(
                "read", event.readerId(), event.messageId(), event.messageSentAt()));
    }
}
