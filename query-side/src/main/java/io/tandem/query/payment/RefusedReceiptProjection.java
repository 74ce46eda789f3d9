package io.tandem.query.payment;

import io.tandem.api.payment.RefusedReceiptEvents.ReceiptRefusedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundFailedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundedEvent;
import io.tandem.api.payment.RefusedReceiptQueries.ListRefusedReceiptsQuery;
import io.tandem.api.payment.RefusedReceiptQueries.RefundStatus;
import io.tandem.api.payment.RefusedReceiptQueries.RefusedReceiptPage;
import io.tandem.api.payment.RefusedReceiptQueries.RefusedReceiptView;
import io.tandem.platform.jdbc.OffsetPage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Paid receipts that bought no booking, for admins: pending until their money is back. Each handler changes a row
 * only for an event newer than its {@code last_sequence}, so re-deliveries and replays give the same rows.
 */
@Component
@ProcessingGroup(RefusedReceiptProjection.PROCESSING_GROUP)
class RefusedReceiptProjection {

    static final String PROCESSING_GROUP = "refused-receipts";

    private static final RowMapper<RefusedReceiptView> VIEW = (rs, row) -> new RefusedReceiptView(
            rs.getString("receipt_id"), rs.getString("order_id"), rs.getLong("paid_amount"), rs.getString("reason"),
            RefundStatus.valueOf(rs.getString("status")), rs.getInt("failed_attempts"), rs.getString("last_failure"),
            instant(rs, "refused_at"), instant(rs, "refunded_at"));

    private final JdbcClient jdbc;

    RefusedReceiptProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReceiptRefusedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 INSERT INTO refused_receipt (receipt_id, order_id, paid_amount, reason, status, refused_at,
                                              last_sequence)
                 VALUES (:receiptId, :orderId, :paidAmount, :reason, :status, :refusedAt, :sequence)
                 ON CONFLICT (receipt_id) DO NOTHING
                 """)
            .param("receiptId", event.receiptId())
            .param("orderId", event.orderId())
            .param("paidAmount", event.paidAmount())
            .param("reason", event.reason())
            .param("status", RefundStatus.PENDING.name())
            .param("refusedAt", utc(occurredAt))
            .param("sequence", sequence)
            .update();
    }

    @EventHandler
    void on(RefusedReceiptRefundFailedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                 UPDATE refused_receipt SET failed_attempts = :attempt, last_failure = :reason,
                                            last_sequence = :sequence
                 WHERE receipt_id = :receiptId AND last_sequence < :sequence
                 """)
            .param("attempt", event.attempt())
            .param("reason", event.reason())
            .param("sequence", sequence)
            .param("receiptId", event.receiptId())
            .update();
    }

    @EventHandler
    void on(RefusedReceiptRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 UPDATE refused_receipt SET status = :status, refunded_at = :refundedAt, last_sequence = :sequence
                 WHERE receipt_id = :receiptId AND last_sequence < :sequence
                 """)
            .param("status", RefundStatus.REFUNDED.name())
            .param("refundedAt", utc(occurredAt))
            .param("sequence", sequence)
            .param("receiptId", event.receiptId())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM refused_receipt").update();
    }

    @QueryHandler
    RefusedReceiptPage handle(ListRefusedReceiptsQuery query) {
        OffsetPage<RefusedReceiptView> page = OffsetPage.read(
                jdbc, "FROM refused_receipt WHERE (CAST(:status AS VARCHAR) IS NULL OR status = :status)",
                statement -> statement.param("status", query.status() == null ? null : query.status().name()),
                "refused_at DESC, receipt_id", VIEW, query.page(), query.size());
        return new RefusedReceiptPage(page.items(), query.page(), query.size(), page.total());
    }
}
