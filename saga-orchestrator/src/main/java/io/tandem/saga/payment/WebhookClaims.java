package io.tandem.saga.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.saga.payment.BootpayClient.Receipt;
import io.tandem.saga.payment.PaymentVerifier.Verification;
import io.tandem.saga.payment.PaymentWebhooks.Delivery;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a payment notification says about itself, read leniently: anything unreadable is simply absent. Nothing
 * here is trusted; it is journaled beside what Bootpay's own receipt says.
 */
record WebhookClaims(String receiptId, String orderId, Integer status, BigDecimal price, String webhookType) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal LARGEST_PRICE = new BigDecimal("1e17");

    static WebhookClaims of(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return new WebhookClaims(null, null, null, null, null);
        }
        return new WebhookClaims(text(json, "receipt_id"), text(json, "order_id"), integer(json.get("status")),
                                 price(json.get("price")), text(json, "webhook_type"));
    }

    /** An attach request claims no more than its receipt and the caller's own booking. */
    static WebhookClaims attached(String receiptId, String bookingNumber) {
        return new WebhookClaims(receiptId, bookingNumber, null, null, null);
    }

    /** The journal row: these claims, and what the verification found (null when it did not get that far). */
    Delivery delivery(String channel, Instant receivedAt, String remoteAddress, PaymentOutcome outcome,
                      Verification verified) {
        Receipt receipt = verified == null ? null : verified.receipt();
        return new Delivery(receivedAt, channel, remoteAddress, webhookType, receiptId, orderId, status, price,
                            receipt == null ? null : receipt.orderId(),
                            receipt == null ? null : receipt.status(),
                            receipt == null ? null : receipt.price(),
                            outcome, verified == null ? null : verified.detail());
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Integer integer(JsonNode value) {
        return value != null && value.canConvertToInt() && value.isIntegralNumber() ? value.intValue() : null;
    }

    private static BigDecimal price(JsonNode value) {
        // 1e309 reads as an infinite double, which has no decimal value
        if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())) {
            return null;
        }
        BigDecimal price = value.decimalValue();
        return price.abs().compareTo(LARGEST_PRICE) < 0 ? price : null;
    }
}
