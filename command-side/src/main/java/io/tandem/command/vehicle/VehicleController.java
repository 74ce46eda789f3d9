package io.tandem.command.vehicle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.vehicle.FuelType;
import io.tandem.api.vehicle.MaintenanceDetails;
import io.tandem.api.vehicle.MaintenanceRule;
import io.tandem.api.vehicle.MaintenanceType;
import io.tandem.api.vehicle.VehicleCommands.ChangeVehicleDetailsCommand;
import io.tandem.api.vehicle.VehicleCommands.DeleteVehicleCommand;
import io.tandem.api.vehicle.VehicleCommands.LogMaintenanceCommand;
import io.tandem.api.vehicle.VehicleCommands.LoggedMaintenance;
import io.tandem.api.vehicle.VehicleCommands.RegisterVehicleCommand;
import io.tandem.api.vehicle.VehicleCommands.RegisteredVehicle;
import io.tandem.api.vehicle.VehicleCommands.SetMaintenanceScheduleCommand;
import io.tandem.api.vehicle.VehicleCommands.UpdateMileageCommand;
import io.tandem.platform.axon.Rejections;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A user's own vehicles: registration, changes, odometer readings, schedule and new maintenance records. */
@RestController
@Tag(name = "Vehicles")
class VehicleController {

    static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String PLATE_MESSAGE = "must be 2 to 20 letters, digits, spaces or hyphens, such as 12가3456";

    private final CommandGateway commands;
    private final ReadYourWrites writes;

    VehicleController(CommandGateway commands, ReadYourWrites writes) {
        this.commands = commands;
        this.writes = writes;
    }

    @PostMapping("/api/vehicles")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a vehicle; a VIN another live vehicle has is a 409")
    RegisteredVehicle register(@Valid @RequestBody VehicleRequest request) {
        RegisterVehicleCommand command = new RegisterVehicleCommand(
                UUID.randomUUID().toString(), CurrentUser.id(), request.vin().toUpperCase(Locale.ROOT),
                request.plateNumber().strip(), request.make().strip(), request.model().strip(), request.year(),
                request.fuelType(), request.mileage());
        return writes.write(() -> commands.sendAndWait(command), ReadModels.VEHICLES);
    }

    @PatchMapping("/api/vehicles/{vehicle_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change plate, make, model, year or fuel type; absent fields stay, the VIN never changes")
    void change(@PathVariable("vehicle_id") String vehicleId, @Valid @RequestBody VehicleChange change) {
        send(vehicleId, new ChangeVehicleDetailsCommand(vehicleId, CurrentUser.id(), strip(change.plateNumber()),
                                                        strip(change.make()), strip(change.model()), change.year(),
                                                        change.fuelType()));
    }

    @DeleteMapping("/api/vehicles/{vehicle_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a vehicle from your lists and free its VIN; its history is kept")
    void delete(@PathVariable("vehicle_id") String vehicleId) {
        send(vehicleId, new DeleteVehicleCommand(vehicleId, CurrentUser.id()));
    }

    @PatchMapping("/api/vehicles/{vehicle_id}/mileage")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Record an odometer reading; lower than the recorded mileage is a 409")
    void mileage(@PathVariable("vehicle_id") String vehicleId, @Valid @RequestBody MileageRequest request) {
        send(vehicleId, new UpdateMileageCommand(vehicleId, CurrentUser.id(), request.mileage()));
    }

    @PutMapping("/api/vehicles/{vehicle_id}/schedule")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Replace the maintenance schedule: per type, every so many km and/or months")
    void schedule(@PathVariable("vehicle_id") String vehicleId, @Valid @RequestBody ScheduleRequest request) {
        List<MaintenanceRule> rules = request.rules().stream()
                                             .map(rule -> new MaintenanceRule(rule.type(), rule.everyKm(),
                                                                              rule.everyMonths()))
                                             .toList();
        send(vehicleId, new SetMaintenanceScheduleCommand(vehicleId, CurrentUser.id(), rules));
    }

    @PostMapping("/api/vehicles/{vehicle_id}/maintenance")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log a service with its parts; a date in the future is a 400")
    LoggedMaintenance log(@PathVariable("vehicle_id") String vehicleId,
                          @Valid @RequestBody MaintenanceRequests.MaintenanceRequest request) {
        MaintenanceDetails details = request.toDetails();
        return send(vehicleId, new LogMaintenanceCommand(vehicleId, UUID.randomUUID().toString(), CurrentUser.id(),
                                                         details));
    }

    /** Unknown, deleted and someone else's vehicles all answer the same 404. */
    private <R> R send(String vehicleId, Object command) {
        if (!vehicleId.matches(ID)) {
            throw vehicleNotFound();
        }
        try {
            return writes.write(() -> commands.sendAndWait(command), ReadModels.VEHICLES);
        } catch (RuntimeException failure) {
            if (Rejections.isNotFound(failure)) {
                throw vehicleNotFound();
            }
            throw failure;
        }
    }

    private static RejectedException vehicleNotFound() {
        return new RejectedException(Rejection.notFound("vehicle_not_found", "No such vehicle."));
    }

    static String strip(String value) {
        return value == null ? null : value.strip();
    }

    record VehicleRequest(@NotBlank @Pattern(regexp = "(?i)" + VehicleRules.VIN,
                                             message = "must be 17 letters and digits, without I, O and Q")
                          String vin,
                          @NotBlank @Pattern(regexp = VehicleRules.PLATE, message = PLATE_MESSAGE)
                          String plateNumber,
                          @NotBlank @Size(max = VehicleRules.MAX_NAME) String make,
                          @NotBlank @Size(max = VehicleRules.MAX_NAME) String model,
                          @NotNull @Min(VehicleRules.FIRST_YEAR) Integer year,
                          @NotNull FuelType fuelType,
                          @NotNull @Min(0) @Max(VehicleRules.MAX_MILEAGE) Long mileage) {
    }

    record VehicleChange(@Pattern(regexp = VehicleRules.PLATE, message = PLATE_MESSAGE) String plateNumber,
                         @Size(min = 1, max = VehicleRules.MAX_NAME) @Pattern(regexp = ".*\\S.*",
                                                                             message = "must not be blank")
                         String make,
                         @Size(min = 1, max = VehicleRules.MAX_NAME) @Pattern(regexp = ".*\\S.*",
                                                                             message = "must not be blank")
                         String model,
                         @Min(VehicleRules.FIRST_YEAR) Integer year,
                         FuelType fuelType,
                         String vin) {

        @AssertTrue(message = "cannot be changed; delete the vehicle and register it again")
        boolean isVin() {
            return vin == null;
        }

        @AssertTrue(message = "give plate_number, make, model, year and/or fuel_type")
        boolean isAnyChange() {
            return plateNumber != null || make != null || model != null || year != null || fuelType != null;
        }
    }

    record MileageRequest(@NotNull @Min(0) @Max(VehicleRules.MAX_MILEAGE) Long mileage) {
    }

    record ScheduleRequest(@NotNull @Size(max = 6) List<@NotNull @Valid RuleRequest> rules) {
    }

    record RuleRequest(@NotNull MaintenanceType type,
                       @Min(VehicleRules.MIN_EVERY_KM) @Max(VehicleRules.MAX_EVERY_KM) Long everyKm,
                       @Min(1) @Max(VehicleRules.MAX_EVERY_MONTHS) Integer everyMonths) {

        @AssertTrue(message = "give every_km, every_months or both")
        boolean isInterval() {
            return everyKm != null || everyMonths != null;
        }
    }
}
