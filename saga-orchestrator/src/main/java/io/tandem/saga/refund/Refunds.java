package io.tandem.saga.refund;

/**
 * Giving a payer's money back, as the sagas need it: the payment provider's cancel call behind a port, so the
 * sagas know nothing of its HTTP client and their fixtures can use any implementation.
 */
public interface Refunds {

    /**
     * Refunds {@code amount} of the receipt, all of it when null. The same {@code cancelId} never refunds twice:
     * asking again after a lost answer reports the earlier refund. Never throws for the provider's sake.
     */
    Result refund(String receiptId, Long amount, String cancelId, String reason);

    /**
     * The money is back with the payer ({@code refunded}, now or before; {@code refundedAmount} is the receipt's
     * total refunded), or it is not, saying why and whether trying again later may help.
     */
    record Result(boolean refunded, long refundedAmount, String failureReason, boolean retryable) {

        public static Result done(long refundedAmount) {
            return new Result(true, refundedAmount, null, false);
        }

        public static Result failed(String reason, boolean retryable) {
            return new Result(false, 0, reason, retryable);
        }
    }
}
