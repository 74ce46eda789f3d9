package io.tandem.api.booking;

public enum BookingStatus {
    PENDING_PAYMENT, CONFIRMED, CANCELLATION_REQUESTED, REFUND_FAILED, CANCELLED, EXPIRED
}
