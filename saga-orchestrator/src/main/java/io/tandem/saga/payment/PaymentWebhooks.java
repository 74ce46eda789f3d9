package io.tandem.saga.payment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * The journal of payment notifications (channel {@code webhook}) and attach requests ({@code attach}): one row per
 * delivery with what it claimed, what the receipt lookup said and what became of it. It is also how a receipt
 * already recorded is recognised before the booking events have reached {@link PaymentOrders}.
 */
@Component
class PaymentWebhooks {

    static final String WEBHOOK = "webhook";
    static final String ATTACH = "attach";

    private final JdbcClient jdbc;

    PaymentWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Delivery delivery) {
        jdbc.sql("""
                 INSERT INTO payment_webhook (received_at, channel, remote_address, webhook_type, receipt_id,
                                              claimed_order_id, claimed_status, claimed_price, order_id,
                                              verified_status, verified_price, outcome, detail)
                 VALUES (:receivedAt, :channel, :remoteAddress, :webhookType, :receiptId, :claimedOrderId,
                         :claimedStatus, :claimedPrice, :orderId, :verifiedStatus, :verifiedPrice, :outcome, :detail)
                 """)
            .param("receivedAt", utc(delivery.receivedAt()))
            .param("channel", delivery.channel())
            .param("remoteAddress", cut(delivery.remoteAddress(), 64))
            .param("webhookType", cut(delivery.webhookType(), 64))
            .param("receiptId", cut(delivery.receiptId(), 64))
            .param("claimedOrderId", cut(delivery.claimedOrderId(), 64))
            .param("claimedStatus", delivery.claimedStatus())
            .param("claimedPrice", delivery.claimedPrice())
            .param("orderId", cut(delivery.orderId(), 64))
            .param("verifiedStatus", delivery.verifiedStatus())
            .param("verifiedPrice", delivery.verifiedPrice())
            .param("outcome", delivery.outcome().code())
            .param("detail", cut(delivery.detail(), 500))
            .update();
    }

    boolean recorded(String receiptId) {
        return jdbc.sql("SELECT count(*) FROM payment_webhook WHERE receipt_id = :receiptId AND outcome = 'recorded'")
                   .param("receiptId", receiptId)
                   .query(Long.class).single() > 0;
    }

    /** The receipt the booking was paid with: from its events, or from a recording they have not reached yet. */
    Optional<String> paidWith(PaymentOrders.PaymentOrder order) {
        return order.receiptId() != null ? Optional.of(order.receiptId()) : recordedReceipt(order.bookingNumber());
    }

    /** The receipt a payment of this order was recorded with, if one was. */
    private Optional<String> recordedReceipt(String orderId) {
        return jdbc.sql("""
                        SELECT receipt_id FROM payment_webhook WHERE order_id = :orderId AND outcome = 'recorded'
                        ORDER BY id LIMIT 1
                        """)
                   .param("orderId", orderId)
                   .query(String.class)
                   .optional();
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    /** One row: claimed values as sent (null when absent or unreadable), verified ones from the receipt. */
    record Delivery(Instant receivedAt, String channel, String remoteAddress, String webhookType, String receiptId,
                    String claimedOrderId, Integer claimedStatus, BigDecimal claimedPrice, String orderId,
                    Integer verifiedStatus, BigDecimal verifiedPrice, PaymentOutcome outcome, String detail) {
    }
}
