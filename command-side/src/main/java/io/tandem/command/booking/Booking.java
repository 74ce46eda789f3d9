package io.tandem.command.booking;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingCommands.CancelBookingCommand;
import io.tandem.api.booking.BookingCommands.CompleteCancellationCommand;
import io.tandem.api.booking.BookingCommands.ConfirmBookingCommand;
import io.tandem.api.booking.BookingCommands.ExpireBookingCommand;
import io.tandem.api.booking.BookingCommands.PlaceBookingCommand;
import io.tandem.api.booking.BookingCommands.RecordPaymentCommand;
import io.tandem.api.booking.BookingCommands.RecordRefundCommand;
import io.tandem.api.booking.BookingCommands.RecordRefundFailureCommand;
import io.tandem.api.booking.BookingCommands.RejectPaymentCommand;
import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;
import io.tandem.api.booking.BookingStatus;
import io.tandem.command.flight.SeatHold;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A seat bought (or being bought) by a user. Payment notifications may arrive twice or late, so every payment
 * command is idempotent for the same receipt, and refunds carry a cancel id so the money goes back once.
 */
@Aggregate(cache = "aggregateCache")
class Booking {

    @AggregateIdentifier
    private String bookingNumber;
    private String userId;
    private String scheduleId;
    private String seatId;
    private long amount;
    private Instant departureAt;
    private BookingStatus status;
    private String receiptId;
    private boolean refunded;

    Booking() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Opened by {@link BookingPlacement} once the seat is held and priced. */
    static Booking place(PlaceBookingCommand command, SeatHold seat, long amount) {
        Booking booking = new Booking();
        apply(new BookingPlacedEvent(command.bookingNumber(), command.userId(), seat.scheduleId(), seat.flightId(),
                                     seat.flightNumber(), seat.origin(), seat.destination(), seat.departureAt(),
                                     seat.seatId(), seat.cabin(), command.passengers(), amount,
                                     command.expiresAt()));
        return booking;
    }

    @CommandHandler
    void handle(RecordPaymentCommand command) {
        if (command.receiptId().equals(receiptId)) {
            return;
        }
        if (receiptId != null) {
            throw new RejectedException(Rejection.conflict("already_paid", "The booking is already paid."));
        }
        if (status != BookingStatus.PENDING_PAYMENT) {
            throw new RejectedException(Rejection.conflict("booking_not_payable",
                                                           "The booking is " + status.name().toLowerCase() + "."));
        }
        if (command.paidAmount() != amount) {
            throw new RejectedException(Rejection.conflict("amount_mismatch",
                                                           "Paid " + command.paidAmount() + ", owed " + amount + "."));
        }
        apply(new PaymentRecordedEvent(bookingNumber, command.receiptId(), command.paidAmount(), command.method()));
    }

    @CommandHandler
    void handle(RejectPaymentCommand command) {
        if (status == BookingStatus.PENDING_PAYMENT && receiptId == null) {
            apply(new BookingCancelledEvent(bookingNumber, userId, scheduleId, seatId, false, command.reason()));
        }
    }

    @CommandHandler
    void handle(ConfirmBookingCommand command) {
        if (status == BookingStatus.PENDING_PAYMENT && receiptId != null) {
            apply(new BookingConfirmedEvent(bookingNumber, userId));
        }
    }

    @CommandHandler
    void handle(ExpireBookingCommand command) {
        if (status == BookingStatus.PENDING_PAYMENT && receiptId == null) {
            apply(new BookingExpiredEvent(bookingNumber, userId, scheduleId, seatId));
        }
    }

    @CommandHandler
    BookingStatus handle(CancelBookingCommand command) {
        if (!command.byAdmin() && !userId.equals(command.requestedBy())) {
            throw new RejectedException(Rejection.notFound("booking_not_found", "No such booking."));
        }
        switch (status) {
            case PENDING_PAYMENT -> {
                if (receiptId != null) {
                    requestRefund(command);
                } else {
                    apply(new BookingCancelledEvent(bookingNumber, userId, scheduleId, seatId, false,
                                                    command.reason()));
                }
            }
            case CONFIRMED -> {
                if (!departureAt.isAfter(Instant.now())) {
                    throw new RejectedException(Rejection.conflict("flight_departed",
                                                                   "The flight has already departed."));
                }
                requestRefund(command);
            }
            case CANCELLATION_REQUESTED, REFUND_FAILED -> throw new RejectedException(Rejection.conflict(
                    "cancellation_in_progress", "The booking is already being cancelled."));
            case CANCELLED, EXPIRED -> throw new RejectedException(Rejection.conflict(
                    "booking_closed", "The booking is already " + status.name().toLowerCase() + "."));
        }
        return status;
    }

    private void requestRefund(CancelBookingCommand command) {
        apply(new BookingCancellationRequestedEvent(bookingNumber, userId, receiptId, amount,
                                                    bookingNumber + "-refund", command.byAdmin(),
                                                    command.reason()));
    }

    @CommandHandler
    void handle(RecordRefundCommand command) {
        if (!refunded && (status == BookingStatus.CANCELLATION_REQUESTED || status == BookingStatus.REFUND_FAILED)) {
            apply(new BookingRefundedEvent(bookingNumber, command.cancelId(), command.refundedAmount()));
        }
    }

    @CommandHandler
    void handle(RecordRefundFailureCommand command) {
        if (!refunded && (status == BookingStatus.CANCELLATION_REQUESTED || status == BookingStatus.REFUND_FAILED)) {
            apply(new RefundFailedEvent(bookingNumber, command.attempt(), command.reason()));
        }
    }

    @CommandHandler
    void handle(CompleteCancellationCommand command) {
        if (refunded && status != BookingStatus.CANCELLED) {
            apply(new BookingCancelledEvent(bookingNumber, userId, scheduleId, seatId, true, "refunded"));
        }
    }

    @EventSourcingHandler
    void on(BookingPlacedEvent event) {
        bookingNumber = event.bookingNumber();
        userId = event.userId();
        scheduleId = event.scheduleId();
        seatId = event.seatId();
        amount = event.amount();
        departureAt = event.departureAt();
        follow(event);
    }

    @EventSourcingHandler
    void on(PaymentRecordedEvent event) {
        receiptId = event.receiptId();
    }

    @EventSourcingHandler
    void on(BookingRefundedEvent event) {
        refunded = true;
        follow(event);
    }

    /** Every other event only moves the status. */
    @EventSourcingHandler
    void on(BookingEvent event) {
        follow(event);
    }

    private void follow(BookingEvent event) {
        BookingStatus.after(event).ifPresent(next -> status = next);
    }
}
