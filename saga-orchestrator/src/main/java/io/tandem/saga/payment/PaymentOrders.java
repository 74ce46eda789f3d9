package io.tandem.saga.payment;

import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;
import io.tandem.api.booking.BookingStatus;
import io.tandem.api.consistency.ReadModels;
import io.tandem.platform.consistency.ReadYourWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What each booking owes and where its payment stands, as the booking events tell it: the payment edge's own copy,
 * so payment requests and provider notifications are checked against the amount the booking was placed with and
 * never against what a client or a notification claims. The status mirrors the Booking aggregate's; a booking's
 * events arrive in their order, and every handler is an idempotent upsert, so a replay gives the same rows.
 */
@Component
@ProcessingGroup(PaymentOrders.PROCESSING_GROUP)
class PaymentOrders {

    private static final Pattern BOOKING_NUMBER = Pattern.compile("TD[0-9A-Z]{10}");

    static final String PROCESSING_GROUP = ReadModels.PAYMENT_ORDERS;

    private final JdbcClient jdbc;
    private final ReadYourWrites readYourWrites;

    PaymentOrders(JdbcClient jdbc, ReadYourWrites readYourWrites) {
        this.jdbc = jdbc;
        this.readYourWrites = readYourWrites;
    }

    @EventHandler
    void on(BookingPlacedEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 INSERT INTO payment_order (booking_number, user_id, amount, status, order_name, expires_at,
                                            placed_at)
                 VALUES (:bookingNumber, :userId, :amount, :status, :orderName, :expiresAt, :placedAt)
                 ON CONFLICT (booking_number) DO NOTHING
                 """)
            .param("bookingNumber", event.bookingNumber())
            .param("userId", event.userId())
            .param("amount", event.amount())
            .param("status", BookingStatus.PENDING_PAYMENT.name())
            .param("orderName", orderName(event))
            .param("expiresAt", utc(event.expiresAt()))
            .param("placedAt", utc(occurredAt))
            .update();
    }

    @EventHandler
    void on(PaymentRecordedEvent event) {
        jdbc.sql("""
                 UPDATE payment_order SET receipt_id = :receiptId, paid_amount = :amount, payment_method = :method
                 WHERE booking_number = :bookingNumber
                 """)
            .param("receiptId", event.receiptId())
            .param("amount", event.amount())
            .param("method", event.method())
            .param("bookingNumber", event.bookingNumber())
            .update();
    }

    @EventHandler
    void on(BookingConfirmedEvent event) {
        status(event.bookingNumber(), BookingStatus.CONFIRMED);
    }

    @EventHandler
    void on(BookingExpiredEvent event) {
        status(event.bookingNumber(), BookingStatus.EXPIRED);
    }

    @EventHandler
    void on(BookingCancellationRequestedEvent event) {
        jdbc.sql("UPDATE payment_order SET cancel_id = :cancelId WHERE booking_number = :bookingNumber")
            .param("cancelId", event.cancelId())
            .param("bookingNumber", event.bookingNumber())
            .update();
        status(event.bookingNumber(), BookingStatus.CANCELLATION_REQUESTED);
    }

    @EventHandler
    void on(RefundFailedEvent event) {
        status(event.bookingNumber(), BookingStatus.REFUND_FAILED);
    }

    @EventHandler
    void on(BookingRefundedEvent event) {
        jdbc.sql("UPDATE payment_order SET refunded_amount = :amount WHERE booking_number = :bookingNumber")
            .param("amount", event.refundedAmount())
            .param("bookingNumber", event.bookingNumber())
            .update();
        status(event.bookingNumber(), BookingStatus.CANCELLATION_REQUESTED);
    }

    @EventHandler
    void on(BookingCancelledEvent event) {
        status(event.bookingNumber(), BookingStatus.CANCELLED);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM payment_order").update();
    }

    /**
     * For a payment Bootpay reports: its order, looked up once more after this side's projection has handled every
     * event committed so far if it is not here (so a payment never counts as for an unknown booking because the
     * projection was behind). Clients need no such wait: placing a booking answers only once it is here.
     */
    Optional<PaymentOrder> findCaughtUp(String bookingNumber) {
        Optional<PaymentOrder> order = find(bookingNumber);
        if (order.isEmpty() && BOOKING_NUMBER.matcher(bookingNumber).matches()
            && readYourWrites.catchUp(PROCESSING_GROUP)) {
            order = find(bookingNumber);
        }
        return order;
    }

    Optional<PaymentOrder> find(String bookingNumber) {
        return jdbc.sql("SELECT * FROM payment_order WHERE booking_number = :bookingNumber")
                   .param("bookingNumber", bookingNumber)
                   .query(PaymentOrders::order)
                   .optional();
    }

    /** "KE703 ICN→NRT 12C": what the payment window and the card statement show. */
    static String orderName(BookingPlacedEvent event) {
        return event.flightNumber() + " " + event.origin() + "→" + event.destination() + " " + event.seatId();
    }

    private void status(String bookingNumber, BookingStatus status) {
        jdbc.sql("UPDATE payment_order SET status = :status WHERE booking_number = :bookingNumber")
            .param("status", status.name())
            .param("bookingNumber", bookingNumber)
            .update();
    }

    private static PaymentOrder order(ResultSet rs, int row) throws SQLException {
        return new PaymentOrder(rs.getString("booking_number"), rs.getString("user_id"), rs.getLong("amount"),
                                BookingStatus.valueOf(rs.getString("status")), rs.getString("order_name"),
                                rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                                rs.getString("receipt_id"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    record PaymentOrder(String bookingNumber, String userId, long amount, BookingStatus status, String orderName,
                        Instant expiresAt, String receiptId) {

        /** Open for a payment: placed, unpaid, not past its payment deadline. */
        boolean payableAt(Instant now) {
            return status == BookingStatus.PENDING_PAYMENT && receiptId == null && expiresAt.isAfter(now);
        }
    }
}
