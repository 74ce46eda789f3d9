package io.tandem.testsupport.bootpay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.tandem.testsupport.bootpay.BootpayLoopbackServer.AWAITING_CONFIRM;
import static io.tandem.testsupport.bootpay.BootpayLoopbackServer.CANCELLED;
import static io.tandem.testsupport.bootpay.BootpayLoopbackServer.CONFIRMING;
import static io.tandem.testsupport.bootpay.BootpayLoopbackServer.FAILED;
import static io.tandem.testsupport.bootpay.BootpayLoopbackServer.PAID;
import static io.tandem.testsupport.bootpay.BootpayLoopbackServer.VIRTUAL_ACCOUNT_ISSUED;
import static io.tandem.testsupport.bootpay.BootpayLoopbackServer.WAITING;

/** One payment at the loopback Bootpay, and its receipt as Bootpay's API shows it. Guarded by its own monitor. */
final class LoopbackPayment {

    private static final ZoneOffset SEOUL = ZoneOffset.ofHours(9);

    final String receiptId;
    final String orderId;
    final long price;
    final long sequence;
    final Instant requestedAt = Instant.now();
    final Set<String> cancelIds = new HashSet<>();
    int status;
    long cancelledPrice;
    Instant purchasedAt;
    Instant cancelledAt;

    LoopbackPayment(String receiptId, String orderId, long price, int status, long sequence) {
        this.receiptId = receiptId;
        this.orderId = orderId;
        this.price = price;
        this.status = status;
        this.sequence = sequence;
        this.purchasedAt = status == PAID ? requestedAt : null;
    }

    synchronized int status() {
        return status;
    }

    synchronized void status(int newStatus) {
        status = newStatus;
    }

    synchronized long cancelledPrice() {
        return cancelledPrice;
    }

    /** A payment awaiting confirmation (status 2) becomes paid; anything else cannot be confirmed. */
    synchronized boolean confirm() {
        if (status != AWAITING_CONFIRM) {
            return false;
        }
        status = PAID;
        purchasedAt = Instant.now();
        return true;
    }

    /**
     * Refunds {@code amount} (all that is left when null) under {@code cancelId}; answers Bootpay's error code
     * when it cannot, else null.
     */
    synchronized String cancel(Long amount, String cancelId) {
        if (cancelId != null && cancelIds.contains(cancelId)) {
            return BootpayLoopbackServer.DUPLICATE_CANCEL_ID;
        }
        if (status == CANCELLED) {
            return "RC_ALREADY_CANCELLED";
        }
        if (status != PAID) {
            return "RC_NOT_CANCELLABLE";
        }
        long refund = amount != null ? amount : price - cancelledPrice;
        if (refund <= 0 || refund > price - cancelledPrice) {
            return "RC_CANCEL_PRICE_INVALID";
        }
        cancelledPrice += refund;
        if (cancelId != null) {
            cancelIds.add(cancelId);
        }
        if (cancelledPrice == price) {
            status = CANCELLED;
            cancelledAt = Instant.now();
        }
        return null;
    }

    synchronized Map<String, Object> json() {
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("receipt_id", receiptId);
        receipt.put("order_id", orderId);
        receipt.put("price", price);
        receipt.put("tax_free", 0);
        receipt.put("cancelled_price", cancelledPrice);
        receipt.put("cancelled_tax_free", 0);
        receipt.put("order_name", "Loopback order " + orderId);
        receipt.put("company_name", "Tandem");
        receipt.put("gateway_url", "https://gw.bootpay.co.kr");
        receipt.put("metadata", Map.of());
        receipt.put("sandbox", true);
        receipt.put("pg", "나이스페이");
        receipt.put("method", "카드");
        receipt.put("method_symbol", "card");
        receipt.put("method_origin", "카드");
        receipt.put("method_origin_symbol", "card");
        receipt.put("currency", "KRW");
        receipt.put("requested_at", seoul(requestedAt));
        if (purchasedAt != null) {
            receipt.put("purchased_at", seoul(purchasedAt));
        }
        if (cancelledAt != null) {
            receipt.put("cancelled_at", seoul(cancelledAt));
        }
        receipt.put("status", status);
        receipt.put("status_locale", statusLocale(status));
        if (status == PAID || status == CANCELLED) {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("tid", "loopback" + sequence);
            card.put("card_approve_no", String.format("%08d", sequence));
            card.put("card_no", "53270000****1234");
            card.put("card_quota", "00");
            card.put("card_company_code", "11");
            card.put("card_company", "BC");
            receipt.put("card_data", card);
        }
        return receipt;
    }

    /** Times as Bootpay writes them: ISO-8601 in Seoul time, to the second. */
    static String seoul(Instant instant) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), SEOUL).toString();
    }

    private static String statusLocale(int status) {
        return switch (status) {
            case WAITING -> "결제대기";
            case PAID -> "결제완료";
            case AWAITING_CONFIRM -> "승인대기";
            case CONFIRMING -> "승인중";
            case VIRTUAL_ACCOUNT_ISSUED -> "가상계좌 발급완료";
            case CANCELLED -> "결제취소";
            case FAILED -> "결제실패";
            default -> "상태 " + status;
        };
    }
}
