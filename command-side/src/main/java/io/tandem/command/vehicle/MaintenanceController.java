package io.tandem.command.vehicle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.vehicle.VehicleCommands.DeleteMaintenanceCommand;
import io.tandem.api.vehicle.VehicleCommands.ReviseMaintenanceCommand;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Changes to one maintenance record, found through the vehicle it was logged on. */
@RestController
@Tag(name = "Vehicles")
class MaintenanceController {

    private final CommandGateway commands;
    private final VehicleDirectory directory;
    private final ReadYourWrites writes;

    MaintenanceController(CommandGateway commands, VehicleDirectory directory, ReadYourWrites writes) {
        this.commands = commands;
        this.directory = directory;
        this.writes = writes;
    }

    @PatchMapping("/api/maintenance/{record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change a maintenance record; absent fields stay, a part list replaces the parts")
    void revise(@PathVariable("record_id") String recordId,
                @Valid @RequestBody MaintenanceRequests.MaintenanceChangeRequest change) {
        String vehicleId = vehicleOf(recordId);
        send(new ReviseMaintenanceCommand(vehicleId, recordId, CurrentUser.id(), change.toChange()));
    }

    @DeleteMapping("/api/maintenance/{record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a maintenance record")
    void delete(@PathVariable("record_id") String recordId) {
        send(new DeleteMaintenanceCommand(vehicleOf(recordId), recordId, CurrentUser.id()));
    }

    private String vehicleOf(String recordId) {
        if (!recordId.matches(VehicleController.ID)) {
            throw recordNotFound();
        }
        return directory.vehicleOfRecord(recordId).orElseThrow(MaintenanceController::recordNotFound);
    }

    /** Unknown records, deleted ones and those of someone else's vehicle all answer the same 404. */
    private void send(Object command) {
        try {
            writes.write(() -> commands.sendAndWait(command), ReadModels.VEHICLES);
        } catch (RuntimeException failure) {
            if (Rejections.isNotFound(failure)) {
                throw recordNotFound();
            }
            throw failure;
        }
    }

    private static RejectedException recordNotFound() {
        return new RejectedException(Rejection.notFound("maintenance_not_found", "No such maintenance record."));
    }
}
