package io.tandem.testsupport.bootpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * Tests create payments, count token requests and refunds, and make lookups or cancels fail.
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

    private static final ZoneOffset SEOUL = ZoneOffset.ofHours(9);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, Payment> payments = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final List<Refund> refunds = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger receiptLookups = new AtomicInteger();
    private final AtomicInteger failingCancels = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean lookupsFail;
    private volatile Duration tokenLifetime = Duration.ofMinutes(30);

    public BootpayLoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/request/token", this::token);
        server.createContext("/v2/receipt/", this::receipt);
        server.createContext("/v2/lookup/order/", this::lookupOrder);
        server.createContext("/v2/confirm", this::confirm);
        server.createContext("/v2/cancel", this::cancel);
        server.start();
    }

    /** The base URL to configure, with the API version and a trailing slash, as Bootpay's is. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/";
    }

    // ---------------------------------------------------------------- test controls

    /** A payment as the JS SDK would leave it; answers its new receipt id (24 hex digits, like Bootpay's). */
    public String createPayment(String orderId, long price, int status) {
        String receiptId = HexFormat.of().formatHex(randomBytes(12));
        payments.put(receiptId, new Payment(receiptId, orderId, price, status, sequence.incrementAndGet()));
        return receiptId;
    }

    /** A paid payment (status 1). */
    public String createPayment(String orderId, long price) {
        return createPayment(orderId, price, PAID);
    }

    /** Moves a payment to another status, as the PG would (for example a cancellation in Bootpay's console). */
    public void setStatus(String receiptId, int status) {
        Payment payment = payment(receiptId);
        synchronized (payment) {
            payment.status = status;
        }
    }

    public int status(String receiptId) {
        Payment payment = payment(receiptId);
        synchronized (payment) {
            return payment.status;
        }
    }

    /** The total refunded on the receipt so far. */
    public long cancelledPrice(String receiptId) {
        Payment payment = payment(receiptId);
        synchronized (payment) {
            return payment.cancelledPrice;
        }
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
        tokenLifetime = lifetime;
    }

    /** Every token issued so far stops working: the next call with one gets a 401. */
    public void revokeTokens() {
        tokens.clear();
    }

    public int tokenRequests() {
        return tokenRequests.get();
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

    // ---------------------------------------------------------------- endpoints

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "METHOD_NOT_ALLOWED", "POST only");
            return;
        }
        tokenRequests.incrementAndGet();
        JsonNode body = jsonBody(exchange);
        if (body == null) {
            error(exchange, 400, "INVALID_REQUEST", "The body is not JSON.");
        } else if (!APPLICATION_ID.equals(body.path("application_id").asText(null))
                   || !PRIVATE_KEY.equals(body.path("private_key").asText(null))) {
            error(exchange, 401, "TOKEN_NOT_PERMITTED", "application_id 또는 private_key 가 올바르지 않습니다.");
        } else {
            String accessToken = UUID.randomUUID().toString().replace("-", "");
            Instant now = Instant.now();
            Instant expiresAt = now.plus(tokenLifetime);
            tokens.put(accessToken, expiresAt);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", accessToken);
            answer.put("server_time", now.toEpochMilli());
            answer.put("expired_at", seoul(expiresAt));
            reply(exchange, 200, answer);
        }
    }

    private void receipt(HttpExchange exchange) throws IOException {
        if (!authorized(exchange) || !readable(exchange)) {
            return;
        }
        receiptLookups.incrementAndGet();
        String receiptId = lastSegment(exchange, "/v2/receipt/");
        Payment payment = receiptId == null ? null : payments.get(receiptId);
        if (payment == null) {
            error(exchange, 404, "RC_NOT_FOUND", "영수증 정보를 찾을 수 없습니다.");
        } else {
            reply(exchange, 200, payment.json());
        }
    }

    private void lookupOrder(HttpExchange exchange) throws IOException {
        if (!authorized(exchange) || !readable(exchange)) {
            return;
        }
        String orderId = lastSegment(exchange, "/v2/lookup/order/");
        Optional<Payment> newest = payments.values().stream()
                                           .filter(payment -> payment.orderId.equals(orderId))
                                           .max(Comparator.comparingLong(payment -> payment.sequence));
        if (newest.isEmpty()) {
            error(exchange, 404, "RC_NOT_FOUND", "주문 정보를 찾을 수 없습니다.");
        } else {
            reply(exchange, 200, newest.get().json());
        }
    }

    private void confirm(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "METHOD_NOT_ALLOWED", "POST only");
            return;
        }
        if (!authorized(exchange)) {
            return;
        }
        JsonNode body = jsonBody(exchange);
        Payment payment = body == null ? null : payments.get(body.path("receipt_id").asText(""));
        if (payment == null) {
            error(exchange, 404, "RC_NOT_FOUND", "영수증 정보를 찾을 수 없습니다.");
            return;
        }
        synchronized (payment) {
            if (payment.status != AWAITING_CONFIRM) {
                error(exchange, 400, "RC_CONFIRM_NOT_AVAILABLE",
                      "승인 대기 상태의 결제가 아닙니다. (status " + payment.status + ")");
                return;
            }
            payment.status = PAID;
            payment.purchasedAt = Instant.now();
            reply(exchange, 200, payment.json());
        }
    }

    private void cancel(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "METHOD_NOT_ALLOWED", "POST only");
            return;
        }
        if (!authorized(exchange)) {
            return;
        }
        JsonNode body = jsonBody(exchange);
        Payment payment = body == null ? null : payments.get(body.path("receipt_id").asText(""));
        if (payment == null) {
            error(exchange, 404, "RC_NOT_FOUND", "영수증 정보를 찾을 수 없습니다.");
            return;
        }
        if (failingCancels.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            error(exchange, 500, "PG_CANCEL_FAILED", "PG사 취소 요청이 실패했습니다.");
            return;
        }
        String cancelId = body.hasNonNull("cancel_id") ? body.get("cancel_id").asText() : null;
        synchronized (payment) {
            if (cancelId != null && payment.cancelIds.contains(cancelId)) {
                error(exchange, 400, DUPLICATE_CANCEL_ID, "이미 처리된 cancel_id 입니다.");
                return;
            }
            if (payment.status == CANCELLED) {
                error(exchange, 400, "RC_ALREADY_CANCELLED", "이미 취소된 결제입니다.");
                return;
            }
            if (payment.status != PAID) {
                error(exchange, 400, "RC_NOT_CANCELLABLE", "취소할 수 없는 상태입니다. (status " + payment.status + ")");
                return;
            }
            long remaining = payment.price - payment.cancelledPrice;
            long amount = body.hasNonNull("cancel_price") ? body.get("cancel_price").asLong() : remaining;
            if (amount <= 0 || amount > remaining) {
                error(exchange, 400, "RC_CANCEL_PRICE_INVALID", "취소 금액이 올바르지 않습니다.");
                return;
            }
            payment.cancelledPrice += amount;
            if (cancelId != null) {
                payment.cancelIds.add(cancelId);
            }
            if (payment.cancelledPrice == payment.price) {
                payment.status = CANCELLED;
                payment.cancelledAt = Instant.now();
            }
            refunds.add(new Refund(payment.receiptId, payment.orderId, cancelId, amount,
                                   body.path("cancel_username").asText(null),
                                   body.path("cancel_message").asText(null)));
            reply(exchange, 200, payment.json());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private boolean authorized(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Instant expiresAt = authorization != null && authorization.startsWith("Bearer ")
                ? tokens.get(authorization.substring("Bearer ".length())) : null;
        if (expiresAt == null || !expiresAt.isAfter(Instant.now())) {
            error(exchange, 401, "AUTH_TOKEN_INVALID", "유효하지 않은 토큰입니다.");
            return false;
        }
        return true;
    }

    private boolean readable(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "METHOD_NOT_ALLOWED", "GET only");
            return false;
        }
        if (lookupsFail) {
            error(exchange, 503, "SERVICE_UNAVAILABLE", "잠시 후 다시 시도해주세요.");
            return false;
        }
        return true;
    }

    private Payment payment(String receiptId) {
        Payment payment = payments.get(receiptId);
        if (payment == null) {
            throw new IllegalArgumentException("No payment with receipt id " + receiptId);
        }
        return payment;
    }

    private static String lastSegment(HttpExchange exchange, String prefix) {
        String path = exchange.getRequestURI().getRawPath();
        String segment = path.substring(prefix.length());
        return segment.isEmpty() || segment.contains("/") ? null : URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static JsonNode jsonBody(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (contentType == null || !contentType.startsWith("application/json")) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(bytes);
            return body != null && body.isObject() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        reply(exchange, status, body);
    }

    private static void reply(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] body = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String seoul(Instant instant) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), SEOUL).toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
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

    @Override
    public void close() {
        server.stop(0);
    }

    /** Money that went back to the payer: one per successful cancel request. */
    public record Refund(String receiptId, String orderId, String cancelId, long price, String cancelUsername,
                         String cancelMessage) {
    }

    private static final class Payment {

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

        Payment(String receiptId, String orderId, long price, int status, long sequence) {
            this.receiptId = receiptId;
            this.orderId = orderId;
            this.price = price;
            this.status = status;
            this.sequence = sequence;
            this.purchasedAt = status == PAID ? requestedAt : null;
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
    }
}
