package io.tandem.api.vehicle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/**
 * Commands on a vehicle and its maintenance history. {@code requestedBy} is the signed-in user: only the owner may
 * change a vehicle, and to anyone else it does not exist (NOT_FOUND).
 */
public final class VehicleCommands {

    private VehicleCommands() {
    }

    /** Claims the VIN (CONFLICT when another live vehicle has it) and registers the vehicle to its owner. */
    public record RegisterVehicleCommand(@TargetAggregateIdentifier String vehicleId, String ownerId, String vin,
                                         String plateNumber, String make, String model, int year,
                                         FuelType fuelType, long mileage) {
    }

    /** Null fields stay as they are; the VIN never changes. */
    public record ChangeVehicleDetailsCommand(@TargetAggregateIdentifier String vehicleId, String requestedBy,
                                              String plateNumber, String make, String model, Integer year,
                                              FuelType fuelType) {
    }

    /** An odometer reading; lower than the recorded mileage is a CONFLICT. */
    public record UpdateMileageCommand(@TargetAggregateIdentifier String vehicleId, String requestedBy,
                                       long mileage) {
    }

    /** Removes the vehicle from its owner's lists and frees its VIN; its history stays in the event store. */
    public record DeleteVehicleCommand(@TargetAggregateIdentifier String vehicleId, String requestedBy) {
    }

    /** Replaces the whole schedule: at most one rule per maintenance type; an empty list clears it. */
    public record SetMaintenanceScheduleCommand(@TargetAggregateIdentifier String vehicleId, String requestedBy,
                                                List<MaintenanceRule> rules) {
    }

    public record LogMaintenanceCommand(@TargetAggregateIdentifier String vehicleId, String recordId,
                                        String requestedBy, MaintenanceDetails details) {
    }

    /** Null fields of the change stay as they are; a non-null part list replaces the parts. */
    public record ReviseMaintenanceCommand(@TargetAggregateIdentifier String vehicleId, String recordId,
                                           String requestedBy, MaintenanceChange change) {
    }

    public record DeleteMaintenanceCommand(@TargetAggregateIdentifier String vehicleId, String recordId,
                                           String requestedBy) {
    }

    public record MaintenanceChange(LocalDate serviceDate, Long mileage, MaintenanceType type, String description,
                                    String shop, List<MaintenancePart> parts, Long labourCost) {

        public MaintenanceDetails applyTo(MaintenanceDetails current) {
            return new MaintenanceDetails(serviceDate != null ? serviceDate : current.serviceDate(),
                                          mileage != null ? mileage : current.mileage(),
                                          type != null ? type : current.type(),
                                          description != null ? description : current.description(),
                                          shop != null ? shop : current.shop(),
                                          parts != null ? parts : current.parts(),
                                          labourCost != null ? labourCost : current.labourCost());
        }
    }

    /** What registering answers: the new vehicle's id. */
    public record RegisteredVehicle(String vehicleId) {
    }

    /** What logging a service answers: the new record's id. */
    public record LoggedMaintenance(String recordId, String vehicleId) {
    }
}
