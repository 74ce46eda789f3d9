package io.tandem.command.notification;

import io.tandem.api.notification.NotificationCommands;
import io.tandem.api.notification.NotificationCommands.MarkAllNotificationsReadCommand;
import io.tandem.api.notification.NotificationEvents.AllNotificationsReadEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's "mark all as read": one event with a watermark instead of one per notification, so it costs the same
 * for ten unread notifications as for ten thousand.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class NotificationInbox {

    @AggregateIdentifier
    private String inboxId;
    private Instant readUpTo;

    NotificationInbox() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(MarkAllNotificationsReadCommand command) {
        if (readUpTo == null || command.upTo().isAfter(readUpTo)) {
            apply(new AllNotificationsReadEvent(command.userId(), command.upTo()));
        }
    }

    @EventSourcingHandler
    void on(AllNotificationsReadEvent event) {
        inboxId = NotificationCommands.inboxIdOf(event.userId());
        readUpTo = event.upTo();
    }
}
