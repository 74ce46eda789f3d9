package io.tandem.saga.refund;

import io.tandem.api.payment.RefusedReceiptCommands.RecordReceiptRefundCommand;
import io.tandem.api.payment.RefusedReceiptCommands.RecordReceiptRefundFailureCommand;
import io.tandem.api.payment.RefusedReceiptEvents.ReceiptRefusedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The money of a refused receipt goes back: a full cancel at Bootpay under the receipt's cancel id, tried again on
 * a persistent deadline with a growing delay until it succeeds, every failure recorded for admins to see. The saga
 * is stored in PostgreSQL and its processor runs on one node at a time, so neither a restart nor a second node
 * refunds twice. Public because Axon instantiates sagas reflectively.
 */
@Saga
public class RefusedReceiptSaga {

    static final String REFUND_RETRY = "refused-receipt-refund-retry";

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient Refunds refunds;
    @Autowired
    private transient RefundRetryPolicy retryPolicy;

    private String receiptId;
    private String cancelId;
    private String reason;
    private int attempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "receiptId")
    void on(ReceiptRefusedEvent event) {
        receiptId = event.receiptId();
        cancelId = event.cancelId();
        reason = event.reason();
        refund();
    }

    @DeadlineHandler(deadlineName = REFUND_RETRY)
    void retry() {
        refund();
    }

    private void refund() {
        attempts++;
        Refunds.Result result = refunds.refund(receiptId, null, cancelId, "refused payment: " + reason);
        if (result.refunded()) {
            commands.sendAndWait(new RecordReceiptRefundCommand(receiptId, result.refundedAmount()));
            return;
        }
        commands.sendAndWait(new RecordReceiptRefundFailureCommand(receiptId, attempts, result.failureReason()));
        deadlines.schedule(retryPolicy.delayAfter(attempts), REFUND_RETRY);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "receiptId")
    void on(RefusedReceiptRefundedEvent event) {
        // the money is back: nothing left to do
    }
}
