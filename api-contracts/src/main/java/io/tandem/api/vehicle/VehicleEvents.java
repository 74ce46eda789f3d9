package io.tandem.api.vehicle;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.time.LocalDate;
import java.util.List;

/**
 * Every event names the owner, so read models and notifications need no lookup. What identifies the car (VIN,
 * plate) and what was done to it (the whole {@link MaintenanceDetails}, free text included) is the owner's personal
 * data and reads as null once they are erased.
 */
public final class VehicleEvents {

    private VehicleEvents() {
    }

    /** {@code registeredOn} and {@code mileage} are where schedules count from before the first service. */
    public record VehicleRegisteredEvent(String vehicleId, @DataSubject String ownerId, @PersonalData String vin,
                                         @PersonalData String plateNumber, String make, String model, int year,
                                         FuelType fuelType, long mileage, LocalDate registeredOn) {
    }

    public record VehicleDetailsChangedEvent(String vehicleId, @DataSubject String ownerId,
                                             @PersonalData String plateNumber, String make, String model, int year,
                                             FuelType fuelType) {
    }

    public record VehicleMileageUpdatedEvent(String vehicleId, String ownerId, long mileage) {
    }

    public record VehicleDeletedEvent(String vehicleId, @DataSubject String ownerId, @PersonalData String vin) {
    }

    public record MaintenanceScheduleSetEvent(String vehicleId, String ownerId, List<MaintenanceRule> rules) {
    }

    public record MaintenanceLoggedEvent(String vehicleId, @DataSubject String ownerId, String recordId,
                                         @PersonalData MaintenanceDetails details) {
    }

    /** The record as it is after the change, complete. */
    public record MaintenanceRevisedEvent(String vehicleId, @DataSubject String ownerId, String recordId,
                                          @PersonalData MaintenanceDetails details) {
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
