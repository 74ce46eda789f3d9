package io.tandem.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

public final class BookingCommands {

    private BookingCommands() {
    }

    /**
     * Holds the seat on its schedule and opens the booking, in one unit of work: either both happen or neither.
     * The amount is not in the command: it is the schedule's fare after discounts.
     */
    public record PlaceBookingCommand(@TargetAggregateIdentifier String bookingNumber, String userId,
                                      String scheduleId, String seatId, List<Passenger> passengers,
                                      Instant expiresAt) {
    }

    /** A payment the provider confirmed (status paid) for this booking, already verified by receipt lookup. */
    public record RecordPaymentCommand(@TargetAggregateIdentifier String bookingNumber, String receiptId,
                                       long paidAmount, String method) {
    }

    /** The provider says the payment failed, or its amount is not the booking's: the booking is cancelled. */
    public record RejectPaymentCommand(@TargetAggregateIdentifier String bookingNumber, String receiptId,
                                       String reason) {
    }

    public record ConfirmBookingCommand(@TargetAggregateIdentifier String bookingNumber) {
    }

    public record ExpireBookingCommand(@TargetAggregateIdentifier String bookingNumber) {
    }

    /** By the booking's owner or an admin; a paid booking is refunded first. */
    public record CancelBookingCommand(@TargetAggregateIdentifier String bookingNumber, String requestedBy,
                                       boolean byAdmin, String reason) {
    }

    public record RecordRefundCommand(@TargetAggregateIdentifier String bookingNumber, String cancelId,
                                      long refundedAmount) {
    }

    public record RecordRefundFailureCommand(@TargetAggregateIdentifier String bookingNumber, int attempt,
                                             String reason) {
    }

    public record CompleteCancellationCommand(@TargetAggregateIdentifier String bookingNumber) {
    }
}
