package io.tandem.query.notification;

import io.tandem.api.notification.NotificationEvents.NotificationSentEvent;
import io.tandem.api.notification.NotificationQueries.NotificationView;
import io.tandem.platform.replay.SideEffect;
import io.tandem.query.live.Live;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivers each notification, as it is sent, to the recipient's sockets ({@code /user/queue/notifications}) and
 * event streams connected to this node. Every node runs this handler for every notification.
 */
@Component
@SideEffect("pushes notifications to connected sockets and event streams")
@ProcessingGroup(Live.PROCESSING_GROUP)
class NotificationPush {

    static final String QUEUE = "/queue/notifications";

    private final SimpMessagingTemplate sockets;
    private final NotificationStreams streams;

    NotificationPush(SimpMessagingTemplate sockets, NotificationStreams streams) {
        this.sockets = sockets;
        this.streams = streams;
    }

    @EventHandler
    void on(NotificationSentEvent event) {
        NotificationView view = new NotificationView(event.notificationId(), event.kind(), event.title(),
                                                     event.body(), event.subjectId(), event.sentAt(), false);
        streams.deliver(view, event.recipientId());
        sockets.convertAndSendToUser(event.recipientId(), QUEUE, view);
    }
}
