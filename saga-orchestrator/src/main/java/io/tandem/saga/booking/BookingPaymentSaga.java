package io.tandem.saga.booking;

import io.tandem.api.booking.BookingCommands.ConfirmBookingCommand;
import io.tandem.api.booking.BookingCommands.ExpireBookingCommand;
import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.SeatCommands.ConfirmSeatCommand;
import io.tandem.api.booking.SeatCommands.ReleaseSeatCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * From a placed booking to a paid one: the seat is held while the traveller pays; a payment confirms seat and
 * booking, and a payment deadline that passes first expires the booking and frees the seat. The deadline is
 * persistent, so it fires after a restart too. A paid booking's later cancellation belongs to
 * {@link BookingRefundSaga}. Public because Axon instantiates sagas reflectively.
 */
@Saga
public class BookingPaymentSaga {

    static final String PAYMENT_DEADLINE = "payment-deadline";

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;

    private String bookingNumber;
    private String scheduleId;
    private String seatId;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(BookingPlacedEvent event) {
        bookingNumber = event.bookingNumber();
        scheduleId = event.scheduleId();
        seatId = event.seatId();
        deadlineId = deadlines.schedule(event.expiresAt(), PAYMENT_DEADLINE);
    }

    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(PaymentRecordedEvent event) {
        deadlines.cancelSchedule(PAYMENT_DEADLINE, deadlineId);
        commands.sendAndWait(new ConfirmSeatCommand(scheduleId, seatId, bookingNumber));
        commands.sendAndWait(new ConfirmBookingCommand(bookingNumber));
    }

    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    void paymentDeadlinePassed() {
        commands.sendAndWait(new ExpireBookingCommand(bookingNumber));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(BookingConfirmedEvent event) {
        // paid and confirmed: nothing left to wait for
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(BookingExpiredEvent event) {
        commands.sendAndWait(new ReleaseSeatCommand(scheduleId, seatId, bookingNumber));
    }

    /** Cancelled before any payment (by the traveller, or because the payment failed). */
    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(BookingCancelledEvent event) {
        deadlines.cancelSchedule(PAYMENT_DEADLINE, deadlineId);
        commands.sendAndWait(new ReleaseSeatCommand(scheduleId, seatId, bookingNumber));
        SagaLifecycle.end();
    }

    /** A payment arrived and the booking is cancelled before it was confirmed: the refund saga takes over. */
    @EndSaga
    @SagaEventHandler(associationProperty = "bookingNumber")
    void on(BookingCancellationRequestedEvent event) {
        deadlines.cancelSchedule(PAYMENT_DEADLINE, deadlineId);
    }
}
