package io.tandem.command.community;

import io.tandem.api.community.CommunityEvents.CommentAddedEvent;
import io.tandem.api.notification.NotificationCommands;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationKind;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger on a real command bus, with a handler that records what a notification aggregate would receive. */
class CommentNotificationsTest {

    private final List<SendNotificationCommand> sent = new CopyOnWriteArrayList<>();
    private final CommentNotifications notifications;

    CommentNotificationsTest() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(SendNotificationCommand.class.getName(), message -> {
            sent.add((SendNotificationCommand) message.getPayload());
            return null;
        });
        notifications = new CommentNotifications(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    @Test
    void thePostsAuthorHearsOfSomeoneElsesComment() {
        notifications.on(new CommentAddedEvent("comment-1", "post-1", "commenter", "author", "좋아요!"));
        notifications.on(new CommentAddedEvent("comment-1", "post-1", "commenter", "author", "좋아요!"));

        String id = NotificationCommands.notificationId("comment-1", "author");
        SendNotificationCommand expected = new SendNotificationCommand(
                id, "author", NotificationKind.COMMENT_ADDED, "New comment", "Someone commented on your post.",
                "post-1");
        assertThat(sent).as("a replayed event sends the same notification id").containsExactly(expected, expected);
    }

    @Test
    void anAuthorCommentingOnTheirOwnPostIsNotNotified() {
        notifications.on(new CommentAddedEvent("comment-2", "post-1", "author", "author", "추가 정보"));
        assertThat(sent).isEmpty();
    }
}
