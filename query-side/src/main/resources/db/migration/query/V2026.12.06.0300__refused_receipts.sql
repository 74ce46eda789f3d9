-- Paid receipts that bought no booking and whose money goes back (processing group "refused-receipts"): admins
-- see those still pending, with how many refund attempts failed and why the last one did. last_sequence is the
-- refused receipt aggregate's sequence number of the last event applied, so a replay gives the same rows.
CREATE TABLE refused_receipt (
    receipt_id      VARCHAR(64)  PRIMARY KEY,
    order_id        VARCHAR(64),
    paid_amount     BIGINT       NOT NULL,
    reason          VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    failed_attempts INTEGER      NOT NULL DEFAULT 0,
    last_failure    TEXT,
    refused_at      TIMESTAMPTZ  NOT NULL,
    refunded_at     TIMESTAMPTZ,
    last_sequence   BIGINT       NOT NULL
);
CREATE INDEX refused_receipt_status ON refused_receipt (status, refused_at DESC, receipt_id);
CREATE INDEX refused_receipt_refused_at ON refused_receipt (refused_at DESC, receipt_id);
