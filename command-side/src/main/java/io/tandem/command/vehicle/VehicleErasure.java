package io.tandem.command.vehicle;

import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.vehicle.VehicleCommands.DeleteVehicleCommand;
import io.tandem.command.identity.ErasureReactions;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * An erased person's vehicles are deleted, which frees their VIN claims (the directory's copy of the VIN goes with
 * them) and tells the read side, where even admins no longer find them. A deleted vehicle leaves the directory, so
 * handling the event again finds nothing to do.
 */
@Component
@ProcessingGroup(ErasureReactions.PROCESSING_GROUP)
@SideEffect("deletes an erased person's vehicles (commands)")
class VehicleErasure {

    private final CommandGateway commands;
    private final VehicleDirectory directory;

    VehicleErasure(CommandGateway commands, VehicleDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @EventHandler
    void on(UserErasedEvent event) {
        for (String vehicleId : directory.vehiclesOf(event.userId())) {
            commands.sendAndWait(new DeleteVehicleCommand(vehicleId, event.userId()));
        }
    }
}
