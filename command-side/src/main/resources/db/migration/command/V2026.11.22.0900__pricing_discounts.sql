-- The discounts bookings are priced with, projected from the discount events by the command side itself.
CREATE TABLE pricing_discount (
    discount_id VARCHAR(36) PRIMARY KEY,
    type        VARCHAR(10) NOT NULL,
    amount      BIGINT      NOT NULL,
    valid_from  DATE        NOT NULL,
    valid_to    DATE        NOT NULL,
    routes      TEXT        NOT NULL,
    flight_ids  TEXT        NOT NULL
);
