package io.tandem.command.vehicle;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Which live vehicles each owner has, under which VIN, and which vehicle each maintenance record belongs to. A VIN
 * is unique per owner, not across owners: it is printed on the windshield and proves nothing, so a first-come claim
 * would let anyone lock the real owner out. Claims are written inside the unit of work that stores the vehicle's
 * events, so of two concurrent registrations of one VIN by one owner the unique key lets exactly one commit.
 */
@Component
class VehicleDirectory {

    private final JdbcClient jdbc;

    VehicleDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void claimVin(String ownerId, String vin, String vehicleId) {
        try {
            jdbc.sql("INSERT INTO vehicle_vin_claim (vin, vehicle_id, owner_id) VALUES (:vin, :vehicleId, :ownerId)")
                .param("vin", vin)
                .param("vehicleId", vehicleId)
                .param("ownerId", ownerId)
                .update();
        } catch (DuplicateKeyException e) {
            throw new RejectedException(Rejection.conflict("vin_taken",
                                                           "You have a vehicle with this VIN registered already."));
        }
    }

    void releaseVin(String vehicleId) {
        jdbc.sql("DELETE FROM vehicle_vin_claim WHERE vehicle_id = :vehicleId").param("vehicleId", vehicleId).update();
    }

    boolean isClaimed(String ownerId, String vin) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM vehicle_vin_claim WHERE owner_id = :ownerId AND vin = :vin)")
                   .param("ownerId", ownerId)
                   .param("vin", vin)
                   .query(Boolean.class)
                   .single();
    }

    /** The owner's vehicles that are not deleted. */
    List<String> vehiclesOf(String ownerId) {
        return jdbc.sql("SELECT vehicle_id FROM vehicle_vin_claim WHERE owner_id = :ownerId")
                   .param("ownerId", ownerId)
                   .query(String.class)
                   .list();
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
