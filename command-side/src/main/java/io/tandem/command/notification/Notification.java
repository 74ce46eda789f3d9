package io.tandem.command.notification;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.notification.NotificationCommands.MarkNotificationReadCommand;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationEvents.NotificationReadEvent;
import io.tandem.api.notification.NotificationEvents.NotificationSentEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One message to one user. Its id is derived from what caused it, so the triggers that send it may run again
 * (replay, redelivery) and the user is still told once.
 */
@Aggregate(cache = "aggregateCache")
class Notification {

    @AggregateIdentifier
    private String notificationId;
    private String recipientId;
    private boolean read;

    Notification() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SendNotificationCommand command) {
        if (recipientId != null) {
            return;
        }
        apply(new NotificationSentEvent(command.notificationId(), command.recipientId(), command.kind(),
                                        command.title(), command.body(), command.subjectId(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(MarkNotificationReadCommand command) {
        // another user's notification answers exactly like a missing one, so ids cannot be probed
        if (!recipientId.equals(command.userId())) {
            throw new RejectedException(Rejection.notFound("notification_not_found", "No such notification."));
        }
        if (!read) {
            apply(new NotificationReadEvent(notificationId, recipientId));
        }
    }

    @EventSourcingHandler
    void on(NotificationSentEvent event) {
        notificationId = event.notificationId();
        recipientId = event.recipientId();
    }

    @EventSourcingHandler
    void on(NotificationReadEvent event) {
        read = true;
    }
}
