package io.tandem.api.vehicle;

import java.time.LocalDate;
import java.util.List;

/** Every event names the owner, so read models and notifications need no lookup. */
public final class VehicleEvents {

    private VehicleEvents() {
    }

    /** {@code registeredOn} and {@code mileage} are where schedules count from before the first service. */
    public record VehicleRegisteredEvent(String vehicleId, String ownerId, String vin, String plateNumber,
                                         String make, String model, int year, FuelType fuelType, long mileage,
                                         LocalDate registeredOn) {
    }

    public record VehicleDetailsChangedEvent(String vehicleId, String ownerId, String plateNumber, String make,
                                             String model, int year, FuelType fuelType) {
    }

    public record VehicleMileageUpdatedEvent(String vehicleId, String ownerId, long mileage) {
    }

    public record VehicleDeletedEvent(String vehicleId, String ownerId, String vin) {
    }

    public record MaintenanceScheduleSetEvent(String vehicleId, String ownerId, List<MaintenanceRule> rules) {
    }

    public record MaintenanceLoggedEvent(String vehicleId, String ownerId, String recordId,
                                         MaintenanceDetails details) {
    }

    /** The record as it is after the change, complete. */
    public record MaintenanceRevisedEvent(String vehicleId, String ownerId, String recordId,
                                          MaintenanceDetails details) {
    }

    public record MaintenanceDeletedEvent(String vehicleId, String ownerId, String recordId) {
    }

    /**
     * A scheduled item fell due, once per due point: the next one comes only after a service of that type (or a
     * schedule change) moves the due point.
     */
    public record MaintenanceDueEvent(String vehicleId, String ownerId, MaintenanceType ruleType, DueReason reason,
                                      LocalDate dueDate, Long dueMileage) {
    }
}
