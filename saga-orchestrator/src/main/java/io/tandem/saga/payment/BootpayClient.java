package io.tandem.saga.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bootpay's REST API v2, as the server side uses it: an access token from {@code POST request/token}, kept until
 * shortly before it expires (one request at a time fetches a new one), receipt lookups, confirmation of payments
 * opened with {@code separately_confirmed}, and cancellations (refunds). A 401 fetches a fresh token and tries
 * once more. Bootpay's JSON is snake_case; this client reads and writes it with a mapper of its own, whatever the
 * web JSON settings are. Public so the booking saga can refund.
 */
@Component
public class BootpayClient {

    /** A token is replaced this long before Bootpay says it expires. */
    static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(1);
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(30);

    private static final ObjectMapper JSON = JsonMapper.builder()
                                                       .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                                                       .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                                       .serializationInclusion(JsonInclude.Include.NON_NULL)
                                                       .build();

    private final BootpayProperties properties;
    private final RestClient http;
    private final URI baseUri;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock tokenLock = new ReentrantLock();
    private volatile AccessToken token;

    BootpayClient(BootpayProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        String base = properties.baseUrl().endsWith("/") ? properties.baseUrl() : properties.baseUrl() + "/";
        this.baseUri = URI.create(base);
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        requestFactory.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().requestFactory(requestFactory).build();
    }

    /**
     * {@code GET receipt/{receipt_id}}: the payment as Bootpay knows it, or empty when Bootpay has no such receipt
     * for our application.
     *
     * @throws BootpayUnavailableException when Bootpay could not be asked
     */
    public Optional<Receipt> receipt(String receiptId) {
        Response response = authorized(HttpMethod.GET, "receipt/" + segment(receiptId), null);
        if (response.ok()) {
            return Optional.of(response.read(Receipt.class));
        }
        if (response.refusal()) {
            return Optional.empty();
        }
        throw unavailable("look up receipt " + receiptId, response);
    }

    /**
     * {@code POST confirm}: captures a payment waiting at status 2. Empty when Bootpay refused (for example the
     * payment is not awaiting confirmation); look the receipt up again to see where it stands.
     *
     * @throws BootpayUnavailableException when Bootpay could not be asked
     */
    public Optional<Receipt> confirm(String receiptId) {
        Response response = authorized(HttpMethod.POST, "confirm", Map.of("receipt_id", receiptId));
        if (response.ok()) {
            return Optional.of(response.read(Receipt.class));
        }
        if (response.refusal()) {
            return Optional.empty();
        }
        throw unavailable("confirm receipt " + receiptId, response);
    }

    /**
     * {@code POST cancel}: gives money back, all of it when {@code cancelPrice} is null. The same {@code cancelId}
     * never refunds twice: asking again answers {@link CancelResult.Outcome#ALREADY_REFUNDED}. Never throws for
     * Bootpay's sake; a failure says why and whether trying again later may help.
     */
    public CancelResult cancel(String receiptId, Long cancelPrice, String cancelId, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receipt_id", receiptId);
        if (cancelPrice != null) {
            body.put("cancel_price", cancelPrice);
        }
        if (cancelId != null) {
            body.put("cancel_id", cancelId);
        }
        body.put("cancel_username", "Tandem");
        if (reason != null) {
            body.put("cancel_message", reason);
        }
        Response response;
        try {
            response = authorized(HttpMethod.POST, "cancel", body);
        } catch (BootpayUnavailableException e) {
            return CancelResult.failed(e.getMessage(), true);
        }
        if (response.ok()) {
            long cancelled;
            try {
                cancelled = response.read(Receipt.class).cancelledAmount();
            } catch (BootpayUnavailableException unreadable) {
                cancelled = cancelPrice != null ? cancelPrice : 0;
            }
            return new CancelResult(CancelResult.Outcome.REFUNDED, cancelled, null, false);
        }
        if (!response.refusal()) {
            return CancelResult.failed(response.describe(), true);
        }
        // Refused: perhaps because this very refund already happened (a retry after a lost answer)
        Optional<Receipt> now;
        try {
            now = receipt(receiptId);
        } catch (BootpayUnavailableException e) {
            return CancelResult.failed(response.describe() + "; then " + e.getMessage(), true);
        }
        if (now.isPresent() && now.get().covers(cancelPrice)) {
            return new CancelResult(CancelResult.Outcome.ALREADY_REFUNDED, now.get().cancelledAmount(), null, false);
        }
        return CancelResult.failed(response.describe(), false);
    }

    // ---------------------------------------------------------------- token

    private Response authorized(HttpMethod method, String path, Object body) {
        String bearer = accessToken();
        Response response = send(method, path, body, bearer);
        if (response.status() == 401) {
            forget(bearer);
            response = send(method, path, body, accessToken());
            if (response.status() == 401) {
                throw unavailable("use a fresh access token", response);
            }
        }
        return response;
    }

    private String accessToken() {
        AccessToken current = token;
        if (current != null && current.usableAt(clock.instant())) {
            return current.value();
        }
        tokenLock.lock();
        try {
            current = token;
            if (current == null || !current.usableAt(clock.instant())) {
                current = requestToken();
                token = current;
            }
            return current.value();
        } finally {
            tokenLock.unlock();
        }
    }

    private void forget(String stale) {
        tokenLock.lock();
        try {
            if (token != null && token.value().equals(stale)) {
                token = null;
            }
        } finally {
            tokenLock.unlock();
        }
    }

    private AccessToken requestToken() {
        if (!properties.serverApiConfigured()) {
            throw new BootpayUnavailableException("Bootpay is not configured: set tandem.bootpay.application-id "
                                                  + "and the private key (TANDEM_BOOTPAY_PRIVATE_KEY)");
        }
        Instant requestedAt = clock.instant();
        Response response = send(HttpMethod.POST, "request/token",
                                 Map.of("application_id", properties.applicationId(),
                                        "private_key", properties.privateKey()), null);
        if (!response.ok()) {
            throw unavailable("get an access token", response);
        }
        TokenResponse answer = response.read(TokenResponse.class);
        if (answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw new BootpayUnavailableException("Bootpay answered a token request without access_token");
        }
        return new AccessToken(answer.accessToken(),
                               requestedAt.plus(lifetime(answer, requestedAt)).minus(TOKEN_REFRESH_MARGIN));
    }

    /** Measured on Bootpay's own clock when it tells its time, so a skewed local clock does not matter. */
    private static Duration lifetime(TokenResponse answer, Instant requestedAt) {
        Instant expiredAt = instant(answer.expiredAt());
        if (expiredAt == null) {
            return DEFAULT_TOKEN_LIFETIME;
        }
        Instant serverTime = instant(answer.serverTime());
        Duration lifetime = Duration.between(serverTime != null ? serverTime : requestedAt, expiredAt);
        return lifetime.isNegative() ? Duration.ZERO : lifetime;
    }

    private static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            long number = value.asLong();
            return number > 100_000_000_000L ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- HTTP

    private Response send(HttpMethod method, String path, Object body, String bearer) {
        try {
            RestClient.RequestBodySpec request = http.method(method)
                                                     .uri(baseUri.resolve(path))
                                                     .accept(MediaType.APPLICATION_JSON);
            if (bearer != null) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
            }
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body));
            }
            return request.exchange((req, res) -> new Response(res.getStatusCode().value(),
                                                               res.getBody().readAllBytes()));
        } catch (RestClientException | IOException e) {
            throw new BootpayUnavailableException("Bootpay could not be reached (" + method + " " + path + "): "
                                                  + e.getMessage(), e);
        }
    }

    private static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A receipt id is required");
        }
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static BootpayUnavailableException unavailable(String what, Response response) {
        return new BootpayUnavailableException("Bootpay did not " + what + ": " + response.describe());
    }

    /** A payment as Bootpay's receipt describes it. Amounts are exact: Bootpay sends them as JSON numbers. */
    public record Receipt(String receiptId, String orderId, BigDecimal price, BigDecimal cancelledPrice,
                          Integer status, String statusLocale, String pg, String method, String methodSymbol,
                          String purchasedAt, String cancelledAt) {

        public static final int WAITING = 0;
        public static final int PAID = 1;
        public static final int AWAITING_CONFIRM = 2;
        public static final int CONFIRMING = 3;
        public static final int CANCELLED = 20;
        public static final int FAILED = -1;

        public boolean hasStatus(int expected) {
            return status != null && status == expected;
        }

        /** True when the price is exactly {@code amount} (a fraction or a missing price never is). */
        public boolean priceIs(long amount) {
            return price != null && price.compareTo(BigDecimal.valueOf(amount)) == 0;
        }

        /** The payment method's stable symbol (card, bank, vbank, …), else its label. */
        public String paymentMethod() {
            return methodSymbol != null && !methodSymbol.isBlank() ? methodSymbol : method;
        }

        public long cancelledAmount() {
            return cancelledPrice == null ? 0 : cancelledPrice.longValue();
        }

        /** Whether what was refunded already covers a cancel of {@code cancelPrice} (null: in full). */
        boolean covers(Long cancelPrice) {
            if (cancelPrice == null) {
                return hasStatus(CANCELLED) || price != null && cancelledPrice != null
                                               && cancelledPrice.compareTo(price) >= 0;
            }
            return cancelledPrice != null && cancelledPrice.compareTo(BigDecimal.valueOf(cancelPrice)) >= 0;
        }
    }

    /**
     * What became of a refund request: the money went back now, it had already gone back under the same cancel id
     * (or the receipt was already refunded in full), or it did not go back, saying why and whether trying again
     * later may help. {@code cancelledPrice} is the total refunded on the receipt as Bootpay reports it.
     */
    public record CancelResult(Outcome outcome, long cancelledPrice, String failureReason, boolean retryable) {

        public enum Outcome { REFUNDED, ALREADY_REFUNDED, FAILED }

        static CancelResult failed(String reason, boolean retryable) {
            return new CancelResult(Outcome.FAILED, 0, reason, retryable);
        }

        /** The money is back with the payer, now or before. */
        public boolean refunded() {
            return outcome != Outcome.FAILED;
        }
    }

    record TokenResponse(String accessToken, JsonNode serverTime, JsonNode expiredAt) {
    }

    record BootpayError(String errorCode, String message) {
    }

    private record AccessToken(String value, Instant refreshAt) {

        boolean usableAt(Instant now) {
            return now.isBefore(refreshAt);
        }
    }

    private record Response(int status, byte[] body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Bootpay understood and said no; 408 and 429 are about timing, so they count as unavailability. */
        boolean refusal() {
            return status >= 400 && status < 500 && status != 401 && status != 408 && status != 429;
        }

        <T> T read(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new BootpayUnavailableException("Bootpay answered unreadable JSON (HTTP " + status + ")", e);
            }
        }

        String describe() {
            try {
                BootpayError error = JSON.readValue(body, BootpayError.class);
                if (error != null && (error.errorCode() != null || error.message() != null)) {
                    return "HTTP " + status + " " + error.errorCode() + ": " + error.message();
                }
            } catch (IOException e) {
                // not Bootpay's error format: fall through to the bare status
            }
            return "HTTP " + status;
        }
    }
}
