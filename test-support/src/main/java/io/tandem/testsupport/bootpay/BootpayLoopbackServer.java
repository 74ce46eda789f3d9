package io.tandem.testsupport.bootpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.tandem.testsupport.bootpay.LoopbackHttp.error;
import static io.tandem.testsupport.bootpay.LoopbackHttp.jsonBody;
import static io.tandem.testsupport.bootpay.LoopbackHttp.lastSegment;
import static io.tandem.testsupport.bootpay.LoopbackHttp.post;
import static io.tandem.testsupport.bootpay.LoopbackHttp.reply;

/**
 * A loopback stand-in for Bootpay's REST API v2 speaking its documented wire format (snake_case JSON, errors as
 * {@code {"error_code", "message"}}):
 * <ul>
 *   <li>{@code POST /v2/request/token {application_id, private_key}} → {@code {access_token, server_time,
 *       expired_at}}; every other call needs {@code Authorization: Bearer} with a live token, else 401;</li>
 *   <li>{@code GET /v2/receipt/{receipt_id}} and {@code GET /v2/lookup/order/{order_id}} (the order's newest
 *       receipt);</li>
 *   <li>{@code POST /v2/confirm {receipt_id}}: a payment awaiting confirmation (status 2) becomes paid (1);</li>
 *   <li>{@code POST /v2/cancel {receipt_id, cancel_price?, cancel_id?, cancel_username?, cancel_message?}}: full
 *       (no price) or partial; a {@code cancel_id} already used on the receipt never refunds twice.</li>
 * </ul>
 * Tests create payments, count token requests, cancel requests and refunds, and make lookups or cancels fail.
 */
public final class BootpayLoopbackServer implements AutoCloseable {

    public static final String APPLICATION_ID = "loopback-rest-application-id";
    public static final String PRIVATE_KEY = "loopback-private-key";

    public static final int WAITING = 0;
    public static final int PAID = 1;
    public static final int AWAITING_CONFIRM = 2;
    public static final int CONFIRMING = 3;
    public static final int VIRTUAL_ACCOUNT_ISSUED = 5;
    public static final int CANCELLED = 20;
    public static final int FAILED = -1;

    /** What the loopback answers for a {@code cancel_id} already used on the receipt. */
    public static final String DUPLICATE_CANCEL_ID = "RC_DUPLICATE_CANCEL_ID";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> CANCEL_REFUSALS = Map.of(
            DUPLICATE_CANCEL_ID, "이미 처리된 cancel_id 입니다.",
            "RC_ALREADY_CANCELLED", "이미 취소된 결제입니다.",
            "RC_NOT_CANCELLABLE", "취소할 수 없는 상태입니다.",
            "RC_CANCEL_PRICE_INVALID", "취소 금액이 올바르지 않습니다.");

    private final HttpServer server;
    private final Map<String, LoopbackPayment> payments = new ConcurrentHashMap<>();
    private final LoopbackTokens tokens = new LoopbackTokens();
    private final List<Refund> refunds = new CopyOnWriteArrayList<>();
    private final List<String> cancelRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger receiptLookups = new AtomicInteger();
    private final AtomicInteger failingCancels = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean lookupsFail;

    public BootpayLoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/request/token", tokens::issue);
        server.createContext("/v2/receipt/", this::receipt);
        server.createContext("/v2/lookup/order/", this::lookupOrder);
        server.createContext("/v2/confirm", this::confirm);
        server.createContext("/v2/cancel", this::cancel);
        server.start();
    }

    /** A started server, for static fields of test classes. */
    public static BootpayLoopbackServer start() {
        try {
            return new BootpayLoopbackServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code tandem.bootpay.*} settings that point a side at this server with its credentials, for a test's
     * property source.
     */
    public Map<String, String> settings(String clientApplicationId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tandem.bootpay.base-url", baseUrl());
        settings.put("tandem.bootpay.application-id", APPLICATION_ID);
        settings.put("tandem.bootpay.private-key", PRIVATE_KEY);
        settings.put("tandem.bootpay.client-application-id", clientApplicationId);
        return settings;
    }

    /** The base URL to configure, with the API version and a trailing slash, as Bootpay's is. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/";
    }

    // ---------------------------------------------------------------- test controls

    /** A payment as the JS SDK would leave it; answers its new receipt id (24 hex digits, like Bootpay's). */
    public String createPayment(String orderId, long price, int status) {
        String receiptId = HexFormat.of().formatHex(randomBytes(12));
        payments.put(receiptId, new LoopbackPayment(receiptId, orderId, price, status, sequence.incrementAndGet()));
        return receiptId;
    }

    /** A paid payment (status 1). */
    public String createPayment(String orderId, long price) {
        return createPayment(orderId, price, PAID);
    }

    /** Moves a payment to another status, as the PG would (for example a cancellation in Bootpay's console). */
    public void setStatus(String receiptId, int status) {
        payment(receiptId).status(status);
    }

    public int status(String receiptId) {
        return payment(receiptId).status();
    }

    /** The total refunded on the receipt so far. */
    public long cancelledPrice(String receiptId) {
        return payment(receiptId).cancelledPrice();
    }

    /** The next {@code count} cancel requests fail with a 500 from the PG, refunding nothing. */
    public void failNextCancels(int count) {
        failingCancels.set(count);
    }

    /** While on, receipt lookups (by receipt and by order) answer 503. */
    public void failLookups(boolean fail) {
        lookupsFail = fail;
    }

    /** Lifetime of tokens issued from now on (Bootpay's are 30 minutes). */
    public void tokenLifetime(Duration lifetime) {
        tokens.lifetime(lifetime);
    }

    /** Every token issued so far stops working: the next call with one gets a 401. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    public int tokenRequests() {
        return tokens.requests();
    }

    public int receiptLookups() {
        return receiptLookups.get();
    }

    /** Every refund that moved money, oldest first. */
    public List<Refund> refunds() {
        return List.copyOf(refunds);
    }

    public List<Refund> refunds(String receiptId) {
        return refunds.stream().filter(refund -> refund.receiptId().equals(receiptId)).toList();
    }

    /** How many times {@code POST /v2/cancel} was called for the receipt, whatever came of it. */
    public int cancelRequests(String receiptId) {
        return (int) cancelRequests.stream().filter(receiptId::equals).count();
    }

    // ---------------------------------------------------------------- endpoints

    private void receipt(HttpExchange exchange) throws IOException {
        if (!tokens.authorized(exchange) || !readable(exchange)) {
            return;
        }
        receiptLookups.incrementAndGet();
        String receiptId = lastSegment(exchange, "/v2/receipt/");
        LoopbackPayment payment = receiptId == null ? null : payments.get(receiptId);
        if (payment == null) {
            error(exchange, 404, "RC_NOT_FOUND", "영수증 정보를 찾을 수 없습니다.");
        } else {
            reply(exchange, 200, payment.json());
        }
    }

    private void lookupOrder(HttpExchange exchange) throws IOException {
        if (!tokens.authorized(exchange) || !readable(exchange)) {
            return;
        }
        String orderId = lastSegment(exchange, "/v2/lookup/order/");
        Optional<LoopbackPayment> newest = payments.values().stream()
                                           .filter(payment -> payment.orderId.equals(orderId))
                                           .max(Comparator.comparingLong(payment -> payment.sequence));
        if (newest.isEmpty()) {
            error(exchange, 404, "RC_NOT_FOUND", "주문 정보를 찾을 수 없습니다.");
        } else {
            reply(exchange, 200, newest.get().json());
        }
    }

    private void confirm(HttpExchange exchange) throws IOException {
        if (!post(exchange) || !tokens.authorized(exchange)) {
            return;
        }
        JsonNode body = jsonBody(exchange);
        LoopbackPayment payment = body == null ? null : payments.get(body.path("receipt_id").asText(""));
        if (payment == null) {
            error(exchange, 404, "RC_NOT_FOUND", "영수증 정보를 찾을 수 없습니다.");
            return;
        }
        if (!payment.confirm()) {
            error(exchange, 400, "RC_CONFIRM_NOT_AVAILABLE", "승인 대기 상태의 결제가 아닙니다.");
            return;
        }
        reply(exchange, 200, payment.json());
    }

    private void cancel(HttpExchange exchange) throws IOException {
        if (!post(exchange) || !tokens.authorized(exchange)) {
            return;
        }
        JsonNode body = jsonBody(exchange);
        LoopbackPayment payment = body == null ? null : payments.get(body.path("receipt_id").asText(""));
        if (payment == null) {
            error(exchange, 404, "RC_NOT_FOUND", "영수증 정보를 찾을 수 없습니다.");
            return;
        }
        cancelRequests.add(payment.receiptId);
        if (failingCancels.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            error(exchange, 500, "PG_CANCEL_FAILED", "PG사 취소 요청이 실패했습니다.");
            return;
        }
        String cancelId = body.hasNonNull("cancel_id") ? body.get("cancel_id").asText() : null;
        Long amount = body.hasNonNull("cancel_price") ? body.get("cancel_price").asLong() : null;
        synchronized (payment) {
            long cancelledBefore = payment.cancelledPrice;
            String refusal = payment.cancel(amount, cancelId);
            if (refusal != null) {
                error(exchange, 400, refusal, CANCEL_REFUSALS.get(refusal) + " (status " + payment.status + ")");
                return;
            }
            refunds.add(new Refund(payment.receiptId, payment.orderId, cancelId,
                                   payment.cancelledPrice - cancelledBefore, body.path("cancel_username").asText(null),
                                   body.path("cancel_message").asText(null)));
            reply(exchange, 200, payment.json());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private boolean readable(HttpExchange exchange) throws IOException {
        if (!LoopbackHttp.get(exchange)) {
            return false;
        }
        if (lookupsFail) {
            error(exchange, 503, "SERVICE_UNAVAILABLE", "잠시 후 다시 시도해주세요.");
            return false;
        }
        return true;
    }

    private LoopbackPayment payment(String receiptId) {
        LoopbackPayment payment = payments.get(receiptId);
        if (payment == null) {
            throw new IllegalArgumentException("No payment with receipt id " + receiptId);
        }
        return payment;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Money that went back to the payer: one per successful cancel request. */
    public record Refund(String receiptId, String orderId, String cancelId, long price, String cancelUsername,
                         String cancelMessage) {
    }
}
