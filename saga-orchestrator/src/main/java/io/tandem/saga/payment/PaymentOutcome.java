package io.tandem.saga.payment;

import java.util.Locale;

/** What became of one payment notification or attach request; stored in lower case in {@code payment_webhook}. */
enum PaymentOutcome {
    /** Paid, at the order's amount: RecordPaymentCommand was accepted. */
    RECORDED,
    /** This receipt was recorded before: nothing changes. */
    DUPLICATE,
    /** The receipt is for an order (booking) this server does not know. */
    UNKNOWN_ORDER,
    /** Bootpay has no such receipt for our application: a made-up or foreign notification. */
    UNKNOWN_RECEIPT,
    /** Attach only: the receipt belongs to another booking than the one named. */
    ORDER_MISMATCH,
    /** The receipt's price is not the order's amount: no command is sent. */
    PRICE_MISMATCH,
    /** The receipt is not paid (waiting, failed, cancelled, or awaiting a confirmation we do not give). */
    NOT_PAID,
    /** The booking refused the payment (expired, cancelled, already paid with another receipt, …). */
    REJECTED,
    /** Bootpay could not be asked about the receipt: the caller should try again. */
    LOOKUP_FAILED,
    /** Verified, but the booking could not be reached to record it: the caller should try again. */
    DISPATCH_FAILED,
    /** Webhook only: no usable receipt_id in the body. */
    MALFORMED,
    /** Webhook only: the source address is not on the allow-list. */
    FORBIDDEN_SOURCE;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Worth another delivery: nothing about the payment was decided. */
    boolean retryable() {
        return this == LOOKUP_FAILED || this == DISPATCH_FAILED;
    }
}
