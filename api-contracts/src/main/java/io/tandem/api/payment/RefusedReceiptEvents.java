package io.tandem.api.payment;

public final class RefusedReceiptEvents {

    private RefusedReceiptEvents() {
    }

    /**
     * The receipt's money must go back, under {@code cancelId} so Bootpay refunds it once. {@code reason} is a
     * stable code: {@code price_mismatch}, {@code unknown_order} or the booking's refusal
     * ({@code booking_not_payable}, {@code already_paid}, …).
     */
    public record ReceiptRefusedEvent(String receiptId, String orderId, long paidAmount, String cancelId,
                                      String reason) {
    }

    public record RefusedReceiptRefundedEvent(String receiptId, long refundedAmount) {
    }

    /** A refund attempt failed; another follows later. */
    public record RefusedReceiptRefundFailedEvent(String receiptId, int attempt, String reason) {
    }
}
