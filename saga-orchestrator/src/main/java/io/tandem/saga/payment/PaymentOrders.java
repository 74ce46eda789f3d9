package io.tandem.saga.payment;

import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingNumber;
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
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * What each booking owes and where its payment stands, as the booking events tell it: the payment edge's own copy,
 * so payment requests and provider notifications are checked against the amount the booking was placed with and
 * never against what a client or a notification claims. The status mirrors the Booking aggregate's; a booking's
 * events arrive in their order, and every handler is an idempotent upsert, so a replay gives the same rows.
 */
@Component
@ProcessingGroup(PaymentOrders.PROCESSING_GROUP)
class PaymentOrders {


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
            .param("status", BookingStatus.after(event).orElseThrow().name())
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
    void on(BookingCancellationRequestedEvent event) {
        jdbc.sql("UPDATE payment_order SET cancel_id = :cancelId WHERE booking_number = :bookingNumber")
            .param("cancelId", event.cancelId())
            .param("bookingNumber", event.bookingNumber())
            .update();
        follow(event);
    }

    @EventHandler
    void on(BookingRefundedEvent event) {
        jdbc.sql("UPDATE payment_order SET refunded_amount = :amount WHERE booking_number = :bookingNumber")
            .param("amount", event.refundedAmount())
            .param("bookingNumber", event.bookingNumber())
            .update();
        follow(event);
    }

    /** Events that change nothing but the status, as {@link BookingStatus#after} maps them. */
    @EventHandler
    void on(BookingEvent event) {
        follow(event);
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
        if (order.isEmpty() && BookingNumber.isValid(bookingNumber) && readYourWrites.catchUp(PROCESSING_GROUP)) {
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

    private void follow(BookingEvent event) {
        BookingStatus.after(event).ifPresent(status -> jdbc.sql(
                        "UPDATE payment_order SET status = :status WHERE booking_number = :bookingNumber")
                .param("status", status.name())
                .param("bookingNumber", event.bookingNumber())
                .update());
    }

    private static PaymentOrder order(ResultSet rs, int row) throws SQLException {
        return new PaymentOrder(rs.getString("booking_number"), rs.getString("user_id"), rs.getLong("amount"),
                                BookingStatus.valueOf(rs.getString("status")), rs.getString("order_name"),
                                instant(rs, "expires_at"),
                                rs.getString("receipt_id"));
    }

    record PaymentOrder(String bookingNumber, String userId, long amount, BookingStatus status, String orderName,
                        Instant expiresAt, String receiptId) {

        /** Open for a payment: placed, unpaid, not past its payment deadline. */
        boolean payableAt(Instant now) {
            return status == BookingStatus.PENDING_PAYMENT && receiptId == null && expiresAt.isAfter(now);
        }
    }
}
