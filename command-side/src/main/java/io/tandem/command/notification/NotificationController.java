package io.tandem.command.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.notification.NotificationCommands.MarkAllNotificationsReadCommand;
import io.tandem.api.notification.NotificationCommands.MarkNotificationReadCommand;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

@RestController
@Tag(name = "Notifications")
class NotificationController {

    private final CommandGateway commands;
    private final ReadYourWrites writes;

    NotificationController(CommandGateway commands, ReadYourWrites writes) {
        this.commands = commands;
        this.writes = writes;
    }

    @PostMapping("/api/notifications/{notification_id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark one of your notifications as read")
    void markRead(@PathVariable("notification_id") UUID notificationId) {
        try {
            send(new MarkNotificationReadCommand(notificationId.toString(), CurrentUser.id()));
        } catch (RuntimeException failure) {
            // an unknown id, an id of something else and someone else's notification all answer alike
            if (Rejections.isNotFound(failure)) {
                throw new RejectedException(Rejection.notFound("notification_not_found", "No such notification."));
            }
            throw failure;
        }
    }

    @PostMapping("/api/notifications/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark everything you have been sent so far as read")
    void markAllRead() {
        send(new MarkAllNotificationsReadCommand(CurrentUser.id(), Instant.now()));
    }

    /** Answers once the inbox (read flags, unread count) shows the change. */
    private void send(Object command) {
        writes.write(() -> commands.sendAndWait(command), ReadModels.NOTIFICATIONS);
    }
}
