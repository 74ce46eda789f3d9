CREATE TABLE admin_flight (
    flight_id     VARCHAR(36)  PRIMARY KEY,
    flight_number VARCHAR(10)  NOT NULL,
    airline       VARCHAR(60)  NOT NULL,
    origin        CHAR(3)      NOT NULL,
    destination   CHAR(3)      NOT NULL,
    aircraft      VARCHAR(40)  NOT NULL,
    seat_count    INTEGER      NOT NULL,
    status        VARCHAR(10)  NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX admin_flight_registered_at ON admin_flight (registered_at DESC, flight_id);

CREATE TABLE admin_schedule (
    schedule_id   VARCHAR(36)  PRIMARY KEY,
    flight_id     VARCHAR(36)  NOT NULL,
    flight_number VARCHAR(10)  NOT NULL,
    origin        CHAR(3)      NOT NULL,
    destination   CHAR(3)      NOT NULL,
    departure_at  TIMESTAMPTZ  NOT NULL,
    arrival_at    TIMESTAMPTZ  NOT NULL,
    base_fares    JSONB        NOT NULL,
    total_seats   INTEGER      NOT NULL,
    booked_seats  INTEGER      NOT NULL DEFAULT 0,
    status        VARCHAR(10)  NOT NULL,
    cancel_reason VARCHAR(200)
);
CREATE INDEX admin_schedule_flight ON admin_schedule (flight_id, departure_at);
CREATE INDEX admin_schedule_departure ON admin_schedule (departure_at, schedule_id);

CREATE TABLE admin_discount (
    discount_id VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    type        VARCHAR(10)  NOT NULL,
    amount      BIGINT       NOT NULL,
    valid_from  DATE         NOT NULL,
    valid_to    DATE         NOT NULL,
    routes      JSONB        NOT NULL,
    flight_ids  JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
