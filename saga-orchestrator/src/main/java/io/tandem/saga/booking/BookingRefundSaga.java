package io.tandem.saga.booking;

import io.tandem.api.booking.BookingCommands.CompleteCancellationCommand;
import io.tandem.api.booking.BookingCommands.RecordRefundCommand;
import io.tandem.api.booking.BookingCommands.RecordRefundFailureCommand;
import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.SeatCommands.ReleaseSeatCommand;
import io.tandem.saga.refund.RefundRetryPolicy;
import io.tandem.saga.refund.Refunds;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cancelling a paid booking: the money goes back through Bootpay under the booking's cancel id (so a retry never
 * refunds twice), then the cancellation completes and the seat is freed. A failed refund is recorded, which admins
 * see, and tried again on a persistent deadline with a growing delay. Public because Axon instantiates sagas
 * reflectively.
 */
@Saga
public class BookingRefundSaga {

    static final String REFUND_RETRY = "refund-retry";

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient Refunds refunds;
    @Autowired
    private transient RefundRetryPolicy retryPolicy;

    private String bookingNumber;
    private String receiptId;
    private String cancelId;
    private long amount;
    private String reason;
    private int attempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(BookingCancellationRequestedEvent event) {
        bookingNumber = event.bookingNumber();
        receiptId = event.receiptId();
        cancelId = event.cancelId();
        amount = event.refundAmount();
        reason = event.reason();
        refund();
    }

    @DeadlineHandler(deadlineName = REFUND_RETRY)
    void retry() {
        refund();
    }

    private void refund() {
        attempts++;
        Refunds.Result result = refunds.refund(receiptId, amount, cancelId, reason);
        if (result.refunded()) {
            commands.sendAndWait(new RecordRefundCommand(bookingNumber, cancelId, amount));
            return;
        }
        commands.sendAndWait(new RecordRefundFailureCommand(bookingNumber, attempts, result.failureReason()));
        if (result.retryable() && retryPolicy.mayRetryAfter(attempts)) {
            deadlines.schedule(retryPolicy.delayAfter(attempts), REFUND_RETRY);
        }
    }

    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(BookingRefundedEvent event) {
        commands.sendAndWait(new CompleteCancellationCommand(bookingNumber));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(BookingCancelledEvent event) {
        commands.sendAndWait(new ReleaseSeatCommand(event.scheduleId(), event.seatId(), bookingNumber));
    }
}
