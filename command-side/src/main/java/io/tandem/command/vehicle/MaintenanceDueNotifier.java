package io.tandem.command.vehicle;

import io.tandem.api.notification.NotificationCommands.SendNotificationCommand;
import io.tandem.api.notification.NotificationCommands;
import io.tandem.api.notification.NotificationKind;
import io.tandem.api.vehicle.DueReason;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceDueEvent;
import io.tandem.command.notification.NotificationTriggers;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Tells the owner when a scheduled service falls due. The notification id comes from the event's id, so a
 * re-delivered event notifies once, and a replayed one not at all ({@link SideEffect}). The text names the service
 * and what made it due, never the vehicle's plate.
 */
@Component
@SideEffect("sends notifications")
@ProcessingGroup(NotificationTriggers.PROCESSING_GROUP)
class MaintenanceDueNotifier {

    private final CommandGateway commands;

    MaintenanceDueNotifier(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(MaintenanceDueEvent event, @MessageIdentifier String eventId) {
        String service = event.ruleType().label();
        String body = event.reason() == DueReason.MILEAGE
                ? "Your vehicle has reached " + String.format(Locale.ROOT, "%,d", event.dueMileage()) + " km: " + service
                  + " is due."
                : "Your vehicle's " + service + " is due since " + event.dueDate() + ".";
        commands.sendAndWait(new SendNotificationCommand(
                NotificationCommands.notificationId(eventId, event.ownerId()), event.ownerId(),
                NotificationKind.MAINTENANCE_DUE, "Maintenance due: " + service, body, event.vehicleId()));
    }
}
