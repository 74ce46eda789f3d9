package io.tandem.query.payment;

import io.tandem.api.payment.RefusedReceiptEvents.ReceiptRefusedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundFailedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundedEvent;
import io.tandem.api.payment.RefusedReceiptQueries.ListRefusedReceiptsQuery;
import io.tandem.api.payment.RefusedReceiptQueries.RefundStatus;
import io.tandem.api.payment.RefusedReceiptQueries.RefusedReceiptView;
import io.tandem.query.ProjectionHarness;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Refused receipts for admins: pending with their failed attempts until the money is back. */
class RefusedReceiptProjectionTest {

    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();

    private final RefusedReceiptProjection projection = new RefusedReceiptProjection(JDBC);
    private final ProjectionHarness events = new ProjectionHarness(projection);
    private final String receipt = UUID.randomUUID().toString().replace("-", "").substring(0, 24);

    @Test
    void aRefusedReceiptIsPendingWithItsFailuresUntilItIsRefunded() {
        events.publish(receipt, new ReceiptRefusedEvent(receipt, "TD23456789AB", 1_000, "refused-" + receipt,
                                                        "price_mismatch"));
        events.publish(receipt, new RefusedReceiptRefundFailedEvent(receipt, 1, "HTTP 500 PG_CANCEL_FAILED"));
        events.publish(receipt, new RefusedReceiptRefundFailedEvent(receipt, 2, "HTTP 503"));

        assertThat(find(RefundStatus.PENDING)).singleElement().satisfies(view -> {
            assertThat(view.orderId()).isEqualTo("TD23456789AB");
            assertThat(view.paidAmount()).isEqualTo(1_000);
            assertThat(view.reason()).isEqualTo("price_mismatch");
            assertThat(view.failedAttempts()).isEqualTo(2);
            assertThat(view.lastFailure()).isEqualTo("HTTP 503");
            assertThat(view.refundedAt()).isNull();
        });
        assertThat(find(RefundStatus.REFUNDED)).isEmpty();

        events.publish(receipt, new RefusedReceiptRefundedEvent(receipt, 1_000));

        assertThat(find(RefundStatus.PENDING)).isEmpty();
        assertThat(find(RefundStatus.REFUNDED)).singleElement()
                                               .satisfies(view -> assertThat(view.refundedAt()).isNotNull());
        assertThat(find(null)).hasSize(1);
    }

    @Test
    void aRedeliveredOrReplayedEventGivesTheSameRow() {
        events.publish(receipt, new ReceiptRefusedEvent(receipt, null, 5_000, "refused-" + receipt,
                                                        "unknown_order"));
        events.publish(receipt, new RefusedReceiptRefundFailedEvent(receipt, 1, "HTTP 500"));
        events.publish(receipt, new RefusedReceiptRefundedEvent(receipt, 5_000));
        Map<String, Object> before = row();

        events.redeliver(1);
        assertThat(row()).isEqualTo(before);
        events.replay();
        assertThat(row()).isEqualTo(before);
    }

    private List<RefusedReceiptView> find(RefundStatus status) {
        return projection.handle(new ListRefusedReceiptsQuery(status, 0, 100)).receipts().stream()
                         .filter(view -> view.receiptId().equals(receipt)).toList();
    }

    private Map<String, Object> row() {
        return JDBC.sql("SELECT * FROM refused_receipt WHERE receipt_id = :id").param("id", receipt).query()
                   .singleRow();
    }
}
