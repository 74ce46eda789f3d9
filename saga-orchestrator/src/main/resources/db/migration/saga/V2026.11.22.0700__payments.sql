-- The payment edge: what each booking owes (a projection of the booking events) and every payment notification
-- or attach request with what the receipt lookup said about it.
CREATE TABLE payment_order (
    booking_number  VARCHAR(32)  PRIMARY KEY,
    user_id         VARCHAR(64)  NOT NULL,
    amount          BIGINT       NOT NULL,
    status          VARCHAR(32)  NOT NULL,
    order_name      VARCHAR(200) NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    receipt_id      VARCHAR(64),
    paid_amount     BIGINT,
    payment_method  VARCHAR(40),
    cancel_id       VARCHAR(64),
    refunded_amount BIGINT,
    placed_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX payment_order_receipt ON payment_order (receipt_id);

-- One row per delivery, whatever became of it. claimed_* is what the caller said, order_id and verified_* what
-- Bootpay's receipt said (null when it could not be looked up).
CREATE TABLE payment_webhook (
    id               BIGSERIAL    PRIMARY KEY,
    received_at      TIMESTAMPTZ  NOT NULL,
    channel          VARCHAR(16)  NOT NULL,
    remote_address   VARCHAR(64),
    webhook_type     VARCHAR(64),
    receipt_id       VARCHAR(64),
    claimed_order_id VARCHAR(64),
    claimed_status   INTEGER,
    claimed_price    NUMERIC(20, 2),
    order_id         VARCHAR(64),
    verified_status  INTEGER,
    verified_price   NUMERIC(20, 2),
    outcome          VARCHAR(32)  NOT NULL,
    detail           VARCHAR(500)
);
CREATE INDEX payment_webhook_receipt ON payment_webhook (receipt_id, outcome);
CREATE INDEX payment_webhook_received_at ON payment_webhook (received_at DESC);
