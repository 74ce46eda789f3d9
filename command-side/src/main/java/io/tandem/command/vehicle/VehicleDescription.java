package io.tandem.command.vehicle;

import io.tandem.api.vehicle.FuelType;
import io.tandem.api.vehicle.VehicleCommands.ChangeVehicleDetailsCommand;
import io.tandem.api.vehicle.VehicleEvents.VehicleDetailsChangedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleRegisteredEvent;

import java.util.Objects;

/** The parts of a {@link Vehicle} its owner may change. */
record VehicleDescription(String plateNumber, String make, String model, int year, FuelType fuelType) {

    static VehicleDescription of(VehicleRegisteredEvent registered) {
        return new VehicleDescription(registered.plateNumber(), registered.make(), registered.model(),
                                      registered.year(), registered.fuelType());
    }

    static VehicleDescription of(VehicleDetailsChangedEvent changed) {
        return new VehicleDescription(changed.plateNumber(), changed.make(), changed.model(), changed.year(),
                                      changed.fuelType());
    }

    VehicleDescription with(ChangeVehicleDetailsCommand change) {
        return new VehicleDescription(Objects.requireNonNullElse(change.plateNumber(), plateNumber),
                                      Objects.requireNonNullElse(change.make(), make),
                                      Objects.requireNonNullElse(change.model(), model),
                                      Objects.requireNonNullElse(change.year(), year),
                                      Objects.requireNonNullElse(change.fuelType(), fuelType));
    }
}
