package io.tandem.query.vehicle;

import io.tandem.api.consistency.ReadModels;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.vehicle.MaintenanceDetails;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceDeletedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceLoggedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceRevisedEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceScheduleSetEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleDeletedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleDetailsChangedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleMileageUpdatedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleRegisteredEvent;
import io.tandem.platform.jdbc.JsonColumns;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Locale;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Vehicles with their schedule, and their maintenance records with the totals computed once here.
 * <p>
 * Events of one vehicle arrive in order (the vehicle's aggregate is the processor's sequencing key). Every handler
 * writes absolute values and only for an event newer than the row's {@code last_sequence}, so a re-delivered or
 * replayed event gives the same rows.
 * <p>
 * An erased owner's vehicles and records go, for admins too. Their VIN, plate and details read as null from then on
 * (on replay, or for a processor that lags behind): such an event finds no row to write, or deletes what is there.
 */
@Component
@ProcessingGroup(VehicleProjection.PROCESSING_GROUP)
class VehicleProjection {

    static final String PROCESSING_GROUP = ReadModels.VEHICLES;

    private final JdbcClient jdbc;

    VehicleProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(VehicleRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        if (event.vin() == null) {
            return;
        }
        jdbc.sql("""
                 INSERT INTO vehicle (vehicle_id, owner_id, vin, plate_number, plate_key, make, model, year,
                                      fuel_type, mileage, registered_on, registration_mileage, registered_at,
                                      last_sequence)
                 VALUES (:vehicleId, :ownerId, :vin, :plateNumber, :plateKey, :make, :model, :year, :fuelType,
                         :mileage, :registeredOn, :mileage, :registeredAt, :sequence)
                 ON CONFLICT (vehicle_id) DO NOTHING
                 """)
            .param("vehicleId", event.vehicleId())
            .param("ownerId", event.ownerId())
            .param("vin", event.vin())
            .param("plateNumber", event.plateNumber())
            .param("plateKey", plateKey(event.plateNumber()))
            .param("make", event.make())
            .param("model", event.model())
            .param("year", event.year())
            .param("fuelType", event.fuelType().name())
            .param("mileage", event.mileage())
            .param("registeredOn", event.registeredOn())
            .param("registeredAt", utc(occurredAt))
            .param("sequence", sequence)
            .update();
    }

    @EventHandler
    void on(VehicleDetailsChangedEvent event, @SequenceNumber long sequence) {
        if (event.plateNumber() == null) {
            return;
        }
        jdbc.sql("""
                 UPDATE vehicle SET plate_number = :plateNumber, plate_key = :plateKey, make = :make, model = :model,
                                    year = :year, fuel_type = :fuelType, last_sequence = :sequence
                 WHERE vehicle_id = :vehicleId AND last_sequence < :sequence
                 """)
            .param("plateNumber", event.plateNumber())
            .param("plateKey", plateKey(event.plateNumber()))
            .param("make", event.make())
            .param("model", event.model())
            .param("year", event.year())
            .param("fuelType", event.fuelType().name())
            .param("sequence", sequence)
            .param("vehicleId", event.vehicleId())
            .update();
    }

    @EventHandler
    void on(VehicleMileageUpdatedEvent event, @SequenceNumber long sequence) {
        updateVehicle(event.vehicleId(), sequence, "mileage = :value", event.mileage());
    }

    @EventHandler
    void on(MaintenanceScheduleSetEvent event, @SequenceNumber long sequence) {
        updateVehicle(event.vehicleId(), sequence, "schedule = CAST(:value AS JSONB)",
                      JsonColumns.write(event.rules()));
    }

    /** Deleted vehicles stay for admins, unless the VIN no longer decrypts: the erasure of the owner deleted it. */
    @EventHandler
    void on(VehicleDeletedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        if (event.vin() == null) {
            forget("vehicle_id", event.vehicleId());
        } else {
            updateVehicle(event.vehicleId(), sequence, "deleted_at = :value", utc(occurredAt));
        }
    }

    @EventHandler
    void on(MaintenanceLoggedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        MaintenanceDetails details = event.details();
        if (details == null) {
            return;
        }
        jdbc.sql("""
                 INSERT INTO maintenance_record (record_id, vehicle_id, owner_id, service_date, mileage, type,
                                                 description, shop, parts, parts_cost, labour_cost, total_cost,
                                                 recorded_at, last_sequence)
                 VALUES (:recordId, :vehicleId, :ownerId, :serviceDate, :mileage, :type, :description, :shop,
                         CAST(:parts AS JSONB), :partsCost, :labourCost, :totalCost, :recordedAt, :sequence)
                 ON CONFLICT (record_id) DO NOTHING
                 """)
            .param("recordId", event.recordId())
            .param("vehicleId", event.vehicleId())
            .param("ownerId", event.ownerId())
            .param("serviceDate", details.serviceDate())
            .param("mileage", details.mileage())
            .param("type", details.type().name())
            .param("description", details.description())
            .param("shop", details.shop())
            .param("parts", JsonColumns.write(details.parts()))
            .param("partsCost", details.partsCost())
            .param("labourCost", details.labourCost())
            .param("totalCost", details.totalCost())
            .param("recordedAt", utc(occurredAt))
            .param("sequence", sequence)
            .update();
    }

    @EventHandler
    void on(MaintenanceRevisedEvent event, @SequenceNumber long sequence) {
        MaintenanceDetails details = event.details();
        if (details == null) {
            return;
        }
        jdbc.sql("""
                 UPDATE maintenance_record
                 SET service_date = :serviceDate, mileage = :mileage, type = :type, description = :description,
                     shop = :shop, parts = CAST(:parts AS JSONB), parts_cost = :partsCost, labour_cost = :labourCost,
                     total_cost = :totalCost, last_sequence = :sequence
                 WHERE record_id = :recordId AND last_sequence < :sequence
                 """)
            .param("serviceDate", details.serviceDate())
            .param("mileage", details.mileage())
            .param("type", details.type().name())
            .param("description", details.description())
            .param("shop", details.shop())
            .param("parts", JsonColumns.write(details.parts()))
            .param("partsCost", details.partsCost())
            .param("labourCost", details.labourCost())
            .param("totalCost", details.totalCost())
            .param("sequence", sequence)
            .param("recordId", event.recordId())
            .update();
    }

    @EventHandler
    void on(MaintenanceDeletedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 UPDATE maintenance_record SET deleted_at = :deletedAt, last_sequence = :sequence
                 WHERE record_id = :recordId AND last_sequence < :sequence
                 """)
            .param("deletedAt", utc(occurredAt))
            .param("sequence", sequence)
            .param("recordId", event.recordId())
            .update();
    }

    @EventHandler
    void on(UserErasedEvent event) {
        forget("owner_id", event.userId());
    }

    /** {@code column} is one of this class's constants, never input. */
    private void forget(String column, String value) {
        jdbc.sql("DELETE FROM maintenance_record WHERE " + column + " = :value").param("value", value).update();
        jdbc.sql("DELETE FROM vehicle WHERE " + column + " = :value").param("value", value).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM maintenance_record").update();
        jdbc.sql("DELETE FROM vehicle").update();
    }

    private void updateVehicle(String vehicleId, long sequence, String assignment, Object value) {
        jdbc.sql("UPDATE vehicle SET " + assignment + ", last_sequence = :sequence "
                 + "WHERE vehicle_id = :vehicleId AND last_sequence < :sequence")
            .param("value", value)
            .param("sequence", sequence)
            .param("vehicleId", vehicleId)
            .update();
    }

    /** Plates compare without spaces and hyphens and regardless of case: "12가 3456" finds "12가3456". */
    static String plateKey(String plate) {
        return plate.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
