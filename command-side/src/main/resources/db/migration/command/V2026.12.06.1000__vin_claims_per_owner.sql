-- A VIN is unique per owner, no longer across owners (security review L8): it is readable through the windshield,
-- so a first-come claim let anyone lock the real owner out. The owner also lets an erasure find the person's
-- vehicles. Claims made before this change get their owner from the vehicle's first event where events live in
-- PostgreSQL; with events in Axon Server they keep a NULL owner, which blocks nobody (see docs/personal-data.md).
ALTER TABLE vehicle_vin_claim ADD COLUMN owner_id VARCHAR(64);

UPDATE vehicle_vin_claim claim
SET owner_id = convert_from(event.payload, 'UTF8')::jsonb ->> 'ownerId'
FROM domainevententry event
WHERE event.aggregateidentifier = claim.vehicle_id
  AND event.sequencenumber = 0;

ALTER TABLE vehicle_vin_claim DROP CONSTRAINT vehicle_vin_claim_pkey;
ALTER TABLE vehicle_vin_claim ADD PRIMARY KEY (vehicle_id);
CREATE UNIQUE INDEX vehicle_vin_claim_owner_vin ON vehicle_vin_claim (owner_id, vin);

-- An erasure now deletes the person's vehicles and with them their claims; those of people erased before go now.
DELETE FROM vehicle_vin_claim
WHERE owner_id IN (SELECT subject_id FROM personal_data_key WHERE erased_at IS NOT NULL);
