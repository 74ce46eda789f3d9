package io.tandem.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A Bootpay receipt that was paid but buys no booking (wrong price, the booking closed or already paid, an unknown
 * order) is refused, and its money goes back. One refusal per receipt however often Bootpay notifies us.
 */
public final class RefusedReceiptCommands {

    private RefusedReceiptCommands() {
    }

    /** Refuses the receipt once; the same receipt again changes nothing. */
    public record RefuseReceiptCommand(@TargetAggregateIdentifier String receiptId, String orderId, long paidAmount,
                                       String reason) {
    }

    public record RecordReceiptRefundCommand(@TargetAggregateIdentifier String receiptId, long refundedAmount) {
    }

    public record RecordReceiptRefundFailureCommand(@TargetAggregateIdentifier String receiptId, int attempt,
                                                    String reason) {
    }
}
