package io.tandem.saga.payment;

import io.tandem.saga.payment.BootpayHttp.Response;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriUtils;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Bootpay's REST API v2, as the server side uses it: receipt lookups, confirmation of payments opened with
 * {@code separately_confirmed}, and cancellations (refunds, which the sagas reach through {@link BootpayRefunds}).
 * Every call carries the access token {@link BootpayToken} keeps; a 401 fetches a fresh token and tries once more.
 */
@Component
class BootpayClient {

    private final BootpayHttp http;
    private final BootpayToken token;

    BootpayClient(BootpayProperties properties, RestClient.Builder builder) {
        this.http = new BootpayHttp(properties, builder);
        this.token = new BootpayToken(properties, http);
    }

    /**
     * {@code GET receipt/{receipt_id}}: the payment as Bootpay knows it, or empty when Bootpay has no such receipt
     * for our application.
     *
     * @throws BootpayUnavailableException when Bootpay could not be asked
     */
    Optional<Receipt> receipt(String receiptId) {
        Response response = authorized(HttpMethod.GET, "receipt/" + segment(receiptId), null);
        if (response.ok()) {
            return Optional.of(response.read(Receipt.class));
        }
        if (response.refusal()) {
            return Optional.empty();
        }
        throw BootpayHttp.unavailable("look up receipt " + receiptId, response);
    }

    /**
     * {@code POST confirm}: captures a payment waiting at status 2. Empty when Bootpay refused (for example the
     * payment is not awaiting confirmation); look the receipt up again to see where it stands.
     *
     * @throws BootpayUnavailableException when Bootpay could not be asked
     */
    Optional<Receipt> confirm(String receiptId) {
        Response response = authorized(HttpMethod.POST, "confirm", Map.of("receipt_id", receiptId));
        if (response.ok()) {
            return Optional.of(response.read(Receipt.class));
        }
        if (response.refusal()) {
            return Optional.empty();
        }
        throw BootpayHttp.unavailable("confirm receipt " + receiptId, response);
    }

    /**
     * {@code POST cancel}: gives money back, all of it when {@code cancelPrice} is null. The same {@code cancelId}
     * never refunds twice: asking again answers {@link CancelResult.Outcome#ALREADY_REFUNDED}. Never throws for
     * Bootpay's sake; a failure says why and whether trying again later may help.
     */
    CancelResult cancel(String receiptId, Long cancelPrice, String cancelId, String reason) {
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

    private Response authorized(HttpMethod method, String path, Object body) {
        String bearer = token.value();
        Response response = http.send(method, path, body, bearer);
        if (response.status() == 401) {
            token.forget(bearer);
            response = http.send(method, path, body, token.value());
            if (response.status() == 401) {
                throw BootpayHttp.unavailable("use a fresh access token", response);
            }
        }
        return response;
    }

    private static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A receipt id is required");
        }
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    /** A payment as Bootpay's receipt describes it. Amounts are exact: Bootpay sends them as JSON numbers. */
    record Receipt(String receiptId, String orderId, BigDecimal price, BigDecimal cancelledPrice,
                          Integer status, String statusLocale, String pg, String method, String methodSymbol,
                          String purchasedAt, String cancelledAt) {

        static final int WAITING = 0;
        static final int PAID = 1;
        static final int AWAITING_CONFIRM = 2;
        static final int CONFIRMING = 3;
        static final int CANCELLED = 20;
        static final int FAILED = -1;

        boolean hasStatus(int expected) {
            return status != null && status == expected;
        }

        /** True when the price is exactly {@code amount} (a fraction or a missing price never is). */
        boolean priceIs(long amount) {
            return price != null && price.compareTo(BigDecimal.valueOf(amount)) == 0;
        }

        /** The price in whole won, empty when there is none or it has a fraction. */
        OptionalLong wholePrice() {
            try {
                return price == null ? OptionalLong.empty() : OptionalLong.of(price.longValueExact());
            } catch (ArithmeticException fraction) {
                return OptionalLong.empty();
            }
        }

        /** The payment method's stable symbol (card, bank, vbank, …), else its label. */
        String paymentMethod() {
            return methodSymbol != null && !methodSymbol.isBlank() ? methodSymbol : method;
        }

        long cancelledAmount() {
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
    record CancelResult(Outcome outcome, long cancelledPrice, String failureReason, boolean retryable) {

        enum Outcome { REFUNDED, ALREADY_REFUNDED, FAILED }

        static CancelResult failed(String reason, boolean retryable) {
            return new CancelResult(Outcome.FAILED, 0, reason, retryable);
        }

        /** The money is back with the payer, now or before. */
        boolean refunded() {
            return outcome != Outcome.FAILED;
        }
    }
}
