package io.tandem.command.community;

import io.tandem.api.community.CommunityEvents.CommentAddedEvent;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationCommands;
import io.tandem.api.notification.NotificationKind;
import io.tandem.command.notification.NotificationTriggers;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Tells a post's author that someone else commented on it. The notification id comes from the comment and the
 * recipient, so a re-delivered event notifies once, and a replayed one not at all ({@link SideEffect}). The text
 * names nobody: notifications carry no personal data.
 */
@Component
@SideEffect("sends notifications")
@ProcessingGroup(NotificationTriggers.PROCESSING_GROUP)
class CommentNotifications {

    private final CommandGateway commands;

    CommentNotifications(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(CommentAddedEvent event) {
        if (event.authorId().equals(event.postAuthorId())) {
            return;
        }
        commands.sendAndWait(new SendNotificationCommand(
                NotificationCommands.notificationId(event.commentId(), event.postAuthorId()), event.postAuthorId(),
                NotificationKind.COMMENT_ADDED, "New comment", "Someone commented on your post.", event.postId()));
    }
}
