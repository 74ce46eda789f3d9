package io.tandem.saga.refund;

import io.tandem.api.payment.RefusedReceiptCommands.RecordReceiptRefundCommand;
import io.tandem.api.payment.RefusedReceiptCommands.RecordReceiptRefundFailureCommand;
import io.tandem.api.payment.RefusedReceiptCommands.RefuseReceiptCommand;
import io.tandem.api.payment.RefusedReceiptEvents.ReceiptRefusedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundFailedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A paid Bootpay receipt that buys no booking, keyed by its receipt id: Bootpay notifies up to ten times, the
 * owner may attach it too, and several nodes may hear of it at once, yet it is refused once and refunded once.
 * It lives with the payment edge because it is a fact about money at the provider, not about a booking.
 */
@Aggregate(cache = "aggregateCache")
class RefusedReceipt {

    @AggregateIdentifier
    private String receiptId;
    private boolean refunded;

    RefusedReceipt() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** The cancel id Bootpay refunds this receipt under, so a retry after a lost answer never refunds twice. */
    static String cancelId(String receiptId) {
        return "refused-" + receiptId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RefuseReceiptCommand command) {
        if (receiptId == null) {
            apply(new ReceiptRefusedEvent(command.receiptId(), command.orderId(), command.paidAmount(),
                                          cancelId(command.receiptId()), command.reason()));
        }
    }

    @CommandHandler
    void handle(RecordReceiptRefundCommand command) {
        if (!refunded) {
            apply(new RefusedReceiptRefundedEvent(receiptId, command.refundedAmount()));
        }
    }

    @CommandHandler
    void handle(RecordReceiptRefundFailureCommand command) {
        if (!refunded) {
            apply(new RefusedReceiptRefundFailedEvent(receiptId, command.attempt(), command.reason()));
        }
    }

    @EventSourcingHandler
    void on(ReceiptRefusedEvent event) {
        receiptId = event.receiptId();
    }

    @EventSourcingHandler
    void on(RefusedReceiptRefundedEvent event) {
        refunded = true;
    }
}
