package io.tandem.command.couple;

import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleEvents.PlanReminderDueEvent;
import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationCommands;
import io.tandem.api.notification.NotificationKind;
import io.tandem.command.notification.NotificationTriggers;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Tells partners what happened to their couple. Notification ids derive from the event and the recipient, so a
 * re-delivered event notifies nobody twice, and a replayed one nobody at all ({@link SideEffect}). Texts name no
 * one: the app shows who from the subject.
 */
@Component
@SideEffect("sends notifications")
@ProcessingGroup(NotificationTriggers.PROCESSING_GROUP)
class CoupleNotifications {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final CommandGateway commands;
    private final CoupleMembership membership;
    private final CoupleSettings settings;

    CoupleNotifications(CommandGateway commands, CoupleMembership membership, CoupleSettings settings) {
        this.commands = commands;
        this.membership = membership;
        this.settings = settings;
    }

    @EventHandler
    void on(CoupleLinkedEvent event, @MessageIdentifier String eventId) {
        for (String partner : List.of(event.inviterId(), event.inviteeId())) {
            send(eventId, partner, NotificationKind.COUPLE_MATCHED, "You are a couple now",
                 "Your partner accepted the invite code.", event.coupleId());
        }
    }

    @EventHandler
    void on(CoupleDisconnectedEvent event, @MessageIdentifier String eventId) {
        send(eventId, event.partnerId(), NotificationKind.COUPLE_DISCONNECTED, "Couple disconnected",
             "Your partner ended your couple connection.", event.coupleId());
    }

    /** Only partners still in that couple hear about it: after a disconnection nobody does. */
    @EventHandler
    void on(PlanReminderDueEvent event, @MessageIdentifier String eventId) {
        String body = "A plan starts at " + CLOCK_TIME.format(event.time().atZone(settings.zone())) + ".";
        for (String partner : membership.membersOf(event.coupleId())) {
            send(eventId, partner, NotificationKind.PLAN_REMINDER, "Upcoming plan", body, event.planId());
        }
    }

    private void send(String eventId, String recipientId, NotificationKind kind, String title, String body,
                      String subjectId) {
        // waits, so a failure leaves the event in this processor's dead-letter queue instead of vanishing
        commands.sendAndWait(new SendNotificationCommand(NotificationCommands.notificationId(eventId, recipientId),
                                                         recipientId, kind, title, body, subjectId));
    }
}
