-- Bookings as their owners and admins read them (processing group "bookings"). last_sequence is the booking
-- aggregate's sequence number of the last event applied: a handler changes the row only for a newer event, so a
-- re-delivered or replayed event never moves a booking back.
CREATE TABLE booking (
    booking_number    VARCHAR(20)  PRIMARY KEY,
    user_id           VARCHAR(64)  NOT NULL,
    status            VARCHAR(30)  NOT NULL,
    schedule_id       VARCHAR(64)  NOT NULL,
    flight_id         VARCHAR(64),
    flight_number     VARCHAR(20)  NOT NULL,
    origin            VARCHAR(10)  NOT NULL,
    destination       VARCHAR(10)  NOT NULL,
    departure_at      TIMESTAMPTZ  NOT NULL,
    seat_id           VARCHAR(10)  NOT NULL,
    cabin             VARCHAR(20)  NOT NULL,
    -- [{"name": ..., "birth_date": "2000-01-31", "phone": ...}], personal data (docs/personal-data.md)
    passengers        JSONB        NOT NULL,
    amount            BIGINT       NOT NULL,
    expires_at        TIMESTAMPTZ,
    receipt_id        VARCHAR(100),
    refund_attempts   INTEGER      NOT NULL DEFAULT 0,
    last_refund_error TEXT,
    created_at        TIMESTAMPTZ  NOT NULL,
    last_sequence     BIGINT       NOT NULL
);
CREATE INDEX booking_user ON booking (user_id, created_at DESC, booking_number);
CREATE INDEX booking_created_at ON booking (created_at DESC, booking_number);
CREATE INDEX booking_status ON booking (status, created_at DESC);
CREATE INDEX booking_flight ON booking (flight_number, departure_at);
CREATE INDEX booking_departure ON booking (departure_at);

-- Seats held or sold per schedule (processing group "occupied-seats"). A released seat keeps its row as RELEASED
-- with the sequence number of the release, so a late copy of an older reservation cannot take it again; a
-- release only frees the seat of the booking it names.
CREATE TABLE occupied_seat (
    schedule_id    VARCHAR(64) NOT NULL,
    seat_id        VARCHAR(10) NOT NULL,
    booking_number VARCHAR(20) NOT NULL,
    state          VARCHAR(10) NOT NULL CHECK (state IN ('RESERVED', 'SOLD', 'RELEASED')),
    last_sequence  BIGINT      NOT NULL,
    PRIMARY KEY (schedule_id, seat_id)
);
