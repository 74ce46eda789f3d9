package io.tandem.command.vehicle;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which live vehicle holds each VIN, and which vehicle each maintenance record belongs to. Claims are written inside
 * the unit of work that stores the vehicle's events, so of two concurrent registrations of one VIN the primary key
 * lets exactly one commit.
 */
@Component
class VehicleDirectory {

    private final JdbcClient jdbc;

    VehicleDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void claimVin(String vin, String vehicleId) {
        try {
            jdbc.sql("INSERT INTO vehicle_vin_claim (vin, vehicle_id) VALUES (:vin, :vehicleId)")
                .param("vin", vin)
                .param("vehicleId", vehicleId)
                .update();
        } catch (DuplicateKeyException e) {
            throw new RejectedException(Rejection.conflict("vin_taken", "A vehicle with this VIN is registered."));
        }
    }

    void releaseVin(String vin, String vehicleId) {
        jdbc.sql("DELETE FROM vehicle_vin_claim WHERE vin = :vin AND vehicle_id = :vehicleId")
            .param("vin", vin)
            .param("vehicleId", vehicleId)
            .update();
    }

    boolean isClaimed(String vin) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM vehicle_vin_claim WHERE vin = :vin)")
                   .param("vin", vin)
                   .query(Boolean.class)
                   .single();
    }

    void fileRecord(String recordId, String vehicleId) {
        jdbc.sql("INSERT INTO maintenance_record_directory (record_id, vehicle_id) VALUES (:recordId, :vehicleId)")
            .param("recordId", recordId)
            .param("vehicleId", vehicleId)
            .update();
    }

    Optional<String> vehicleOfRecord(String recordId) {
        return jdbc.sql("SELECT vehicle_id FROM maintenance_record_directory WHERE record_id = :recordId")
                   .param("recordId", recordId)
                   .query(String.class)
                   .optional();
    }
}
