package io.tandem.saga.payment;

import io.tandem.saga.payment.BootpayClient.CancelResult;
import io.tandem.saga.refund.Refunds;
import org.springframework.stereotype.Component;

/** Refunds through Bootpay's cancel API. */
@Component
class BootpayRefunds implements Refunds {

    private final BootpayClient bootpay;

    BootpayRefunds(BootpayClient bootpay) {
        this.bootpay = bootpay;
    }

    @Override
    public Result refund(String receiptId, Long amount, String cancelId, String reason) {
        CancelResult cancel = bootpay.cancel(receiptId, amount, cancelId, reason);
        return cancel.refunded() ? Result.done(cancel.cancelledPrice())
                                 : Result.failed(cancel.failureReason(), cancel.retryable());
    }
}
