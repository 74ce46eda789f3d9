-- Seat hoarding (security review H2): the bookings each traveller holds without having paid, so that placing one
-- more can be refused beyond tandem.booking.max-unpaid. Written in the unit of work that places the booking, under
-- a transaction-scoped advisory lock on the traveller, so two nodes placing at once cannot both pass the count.
-- A row goes when the booking is paid, cancelled or expires; rows past expires_at never count, so a late expiry
-- never holds anyone back.
CREATE TABLE unpaid_booking (
    booking_number VARCHAR(12)  PRIMARY KEY,
    user_id        VARCHAR(36)  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX unpaid_booking_user ON unpaid_booking (user_id);
