-- Set-based validation for vehicles: the primary key decides, within the same transaction that stores the
-- registration event, which of two concurrent registrations of one VIN wins. Deleting a vehicle frees its VIN (a
-- sold car is registered again by its next owner).
CREATE TABLE vehicle_vin_claim (
    vin        CHAR(17)    PRIMARY KEY,
    vehicle_id VARCHAR(36) NOT NULL
);

-- Which vehicle holds each maintenance record, so /api/maintenance/{id} reaches the vehicle aggregate the record
-- lives in. Written in the unit of work that logs the record; rows outlive deleted records (the vehicle then
-- answers that the record does not exist).
CREATE TABLE maintenance_record_directory (
    record_id  VARCHAR(36) PRIMARY KEY,
    vehicle_id VARCHAR(36) NOT NULL
);
