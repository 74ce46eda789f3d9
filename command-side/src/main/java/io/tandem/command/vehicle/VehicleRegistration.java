package io.tandem.command.vehicle;

import io.tandem.api.vehicle.VehicleCommands.DeleteVehicleCommand;
import io.tandem.api.vehicle.VehicleCommands.RegisterVehicleCommand;
import io.tandem.api.vehicle.VehicleCommands.RegisteredVehicle;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Registers vehicles after claiming their VIN for their owner in the {@link VehicleDirectory}, and frees it when a
 * vehicle is deleted, each in one unit of work with the vehicle's event: a claim that loses a race rolls the
 * registration back.
 */
@Component
class VehicleRegistration {

    private final VehicleDirectory directory;
    private final Repository<Vehicle> vehicles;

    VehicleRegistration(VehicleDirectory directory, Repository<Vehicle> vehicles) {
        this.directory = directory;
        this.vehicles = vehicles;
    }

    @CommandHandler
    RegisteredVehicle handle(RegisterVehicleCommand command) throws Exception {
        VehicleRules.requireValid(command);
        directory.claimVin(command.ownerId(), command.vin(), command.vehicleId());
        vehicles.newInstance(() -> Vehicle.register(command));
        return new RegisteredVehicle(command.vehicleId());
    }

    @CommandHandler
    void handle(DeleteVehicleCommand command) {
        vehicles.load(command.vehicleId()).execute(vehicle -> vehicle.delete(command));
        directory.releaseVin(command.vehicleId());
    }
}
