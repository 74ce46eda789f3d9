package io.tandem.command.vehicle;

import io.tandem.api.vehicle.VehicleCommands.LogMaintenanceCommand;
import io.tandem.api.vehicle.VehicleCommands.LoggedMaintenance;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Logs a service on its vehicle and files the record under the vehicle in the {@link VehicleDirectory}, in one
 * unit of work, so that {@code /api/maintenance/{id}} finds the vehicle of any record it handed out.
 */
@Component
class MaintenanceLogging {

    private final VehicleDirectory directory;
    private final Repository<Vehicle> vehicles;

    MaintenanceLogging(VehicleDirectory directory, Repository<Vehicle> vehicles) {
        this.directory = directory;
        this.vehicles = vehicles;
    }

    @CommandHandler
    LoggedMaintenance handle(LogMaintenanceCommand command, DeadlineManager deadlines) {
        vehicles.load(command.vehicleId()).execute(vehicle -> vehicle.log(command, deadlines));
        directory.fileRecord(command.recordId(), command.vehicleId());
        return new LoggedMaintenance(command.recordId(), command.vehicleId());
    }
}
