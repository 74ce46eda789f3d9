-- Vehicles and their maintenance records as owners and admins read them (processing group "vehicles").
-- last_sequence is the vehicle aggregate's sequence number of the last event applied to the row: a handler changes
-- a row only for a newer event, so a re-delivered or replayed event never moves it back. Deleted vehicles and
-- records keep their rows with deleted_at set: owners no longer see them, admins may.
CREATE TABLE vehicle (
    vehicle_id           VARCHAR(36) PRIMARY KEY,
    owner_id             VARCHAR(64) NOT NULL,
    vin                  CHAR(17)    NOT NULL,
    plate_number         VARCHAR(20) NOT NULL,
    -- the plate upper-cased without spaces and hyphens, what admin search compares
    plate_key            VARCHAR(20) NOT NULL,
    make                 VARCHAR(50) NOT NULL,
    model                VARCHAR(50) NOT NULL,
    year                 INTEGER     NOT NULL,
    fuel_type            VARCHAR(20) NOT NULL,
    mileage              BIGINT      NOT NULL,
    -- where schedules count from before a vehicle's first service of a type
    registered_on        DATE        NOT NULL,
    registration_mileage BIGINT      NOT NULL,
    -- [{"type": "OIL_CHANGE", "everyKm": 10000, "everyMonths": 12}]
    schedule             JSONB       NOT NULL DEFAULT '[]',
    registered_at        TIMESTAMPTZ NOT NULL,
    deleted_at           TIMESTAMPTZ,
    last_sequence        BIGINT      NOT NULL
);
CREATE INDEX vehicle_owner ON vehicle (owner_id, registered_at DESC, vehicle_id DESC) WHERE deleted_at IS NULL;
CREATE INDEX vehicle_registered_at ON vehicle (registered_at DESC, vehicle_id DESC);
CREATE INDEX vehicle_vin ON vehicle (vin);
CREATE INDEX vehicle_plate_key ON vehicle (plate_key);

CREATE TABLE maintenance_record (
    record_id     VARCHAR(36)   PRIMARY KEY,
    vehicle_id    VARCHAR(36)   NOT NULL,
    owner_id      VARCHAR(64)   NOT NULL,
    service_date  DATE          NOT NULL,
    mileage       BIGINT        NOT NULL,
    type          VARCHAR(20)   NOT NULL,
    description   VARCHAR(1000),
    shop          VARCHAR(100),
    -- [{"name": ..., "partNumber": ..., "quantity": 4, "unitCost": 9000}], costs in won
    parts         JSONB         NOT NULL,
    parts_cost    BIGINT        NOT NULL,
    labour_cost   BIGINT        NOT NULL,
    total_cost    BIGINT        NOT NULL,
    recorded_at   TIMESTAMPTZ   NOT NULL,
    deleted_at    TIMESTAMPTZ,
    last_sequence BIGINT        NOT NULL
);
CREATE INDEX maintenance_record_vehicle
    ON maintenance_record (vehicle_id, service_date DESC, mileage DESC, record_id DESC);
CREATE INDEX maintenance_record_service_date ON maintenance_record (service_date DESC, mileage DESC, record_id DESC);
CREATE INDEX maintenance_record_type ON maintenance_record (type, service_date DESC);
