package io.tandem.api.payment;

import java.time.Instant;
import java.util.List;

public final class RefusedReceiptQueries {

    private RefusedReceiptQueries() {
    }

    public enum RefundStatus { PENDING, REFUNDED }

    /** Null {@code status}: all, newest first. */
    public record ListRefusedReceiptsQuery(RefundStatus status, int page, int size) {
    }

    public record RefusedReceiptView(String receiptId, String orderId, long paidAmount, String reason,
                                     RefundStatus status, int failedAttempts, String lastFailure, Instant refusedAt,
                                     Instant refundedAt) {
    }

    public record RefusedReceiptPage(List<RefusedReceiptView> receipts, int page, int size, long totalElements) {
    }
}
