package io.tandem.saga.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingStatus;
import io.tandem.platform.security.CurrentUser;
import io.tandem.saga.payment.BootpayClient.Receipt;
import io.tandem.saga.payment.PaymentOrders.PaymentOrder;
import io.tandem.saga.payment.PaymentVerifier.Verification;
import io.tandem.saga.payment.PaymentWebhooks.Delivery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The payment edge: opens a Bootpay payment for a booking (the price always from the booking), takes Bootpay's
 * notifications and the app's "I paid" (attach), and records a payment only once Bootpay's own receipt says it is
 * paid in full (see {@link PaymentVerifier}). Every notification is journaled in {@code payment_webhook}.
 */
@RestController
@Tag(name = "Payments")
class PaymentController {

    /** Bootpay's ids and our booking numbers: letters, digits, dash and underscore. */
    private static final String ID = "[A-Za-z0-9_-]{1,64}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal LARGEST_PRICE = new BigDecimal("1e17");

    private final PaymentOrders orders;
    private final PaymentWebhooks webhooks;
    private final PaymentVerifier verifier;
    private final WebhookSources sources;
    private final BootpayProperties properties;
    private final Clock clock = Clock.systemUTC();

    PaymentController(PaymentOrders orders, PaymentWebhooks webhooks, PaymentVerifier verifier,
                      WebhookSources sources, BootpayProperties properties) {
        this.orders = orders;
        this.webhooks = webhooks;
        this.verifier = verifier;
        this.sources = sources;
        this.properties = properties;
    }

    @PostMapping("/api/payments/init")
    @Operation(summary = "What the Bootpay SDK needs to open the payment window for your booking awaiting payment")
    PaymentInit init(@Valid @RequestBody InitRequest request) {
        PaymentOrder order = ownOrder(request.bookingNumber());
        if (paidWith(order).isPresent()) {
            throw new RejectedException(Rejection.conflict("already_paid", "The booking is already paid."));
        }
        if (order.status() != BookingStatus.PENDING_PAYMENT) {
            throw new RejectedException(Rejection.conflict(
                    "booking_not_payable", "The booking is " + order.status().name().toLowerCase() + "."));
        }
        if (!order.payableAt(clock.instant())) {
            throw new RejectedException(Rejection.conflict("booking_expired", "The time to pay has run out."));
        }
        if (properties.clientApplicationId() == null || properties.clientApplicationId().isBlank()) {
            throw new RejectedException(Rejection.invalid("payments_not_configured",
                                                          "Payments are not configured on this server."));
        }
        return new PaymentInit(order.bookingNumber(), order.amount(), order.orderName(),
                               properties.clientApplicationId(), new PaymentUser(order.userId()),
                               new PaymentExtra(properties.separatelyConfirmed()), order.expiresAt());
    }

    @PostMapping(path = "/api/payments/webhook", consumes = MediaType.ALL_VALUE)
    @Operation(summary = "Bootpay's payment notification: verified by receipt lookup, answered {\"success\": true} "
                         + "once journaled, 5xx only when the receipt could not be looked up")
    ResponseEntity<Object> webhook(@RequestBody(required = false) String body, HttpServletRequest http) {
        Instant receivedAt = clock.instant();
        Claims claims = Claims.of(body);
        String remoteAddress = http.getRemoteAddr();
        if (!sources.allows(remoteAddress)) {
            journal(PaymentWebhooks.WEBHOOK, claims, receivedAt, remoteAddress, PaymentOutcome.FORBIDDEN_SOURCE, null);
            return problem(HttpStatus.FORBIDDEN, "webhook_source_forbidden",
                           "Payment notifications are not accepted from this address.");
        }
        if (claims.receiptId() == null || !claims.receiptId().matches(ID)) {
            journal(PaymentWebhooks.WEBHOOK, claims, receivedAt, remoteAddress, PaymentOutcome.MALFORMED, null);
            return problem(HttpStatus.BAD_REQUEST, "invalid_webhook", "The notification has no valid receipt_id.");
        }
        Verification verification = verifier.verify(claims.receiptId(), null);
        journal(PaymentWebhooks.WEBHOOK, claims, receivedAt, remoteAddress, verification.outcome(), verification);
        if (verification.outcome().retryable()) {
            return unavailable(verification);
        }
        return ResponseEntity.ok(Map.of("success", true));
    }

    @PostMapping("/api/payments/attach-booking")
    @Operation(summary = "Tell the server you paid for your booking: verified with Bootpay like a notification")
    ResponseEntity<Object> attach(@Valid @RequestBody AttachRequest request) {
        Instant receivedAt = clock.instant();
        PaymentOrder order = ownOrder(request.bookingNumber());
        Optional<String> paidWith = paidWith(order);
        if (paidWith.isPresent() && !paidWith.get().equals(request.receiptId())) {
            throw new RejectedException(Rejection.conflict("already_paid",
                                                           "The booking is already paid with another receipt."));
        }
        Verification verification = verifier.verify(request.receiptId(), order.bookingNumber());
        Claims claims = new Claims(request.receiptId(), order.bookingNumber(), null, null, null);
        // the traveller's address is personal data and says nothing about the payment: not kept
        journal(PaymentWebhooks.ATTACH, claims, receivedAt, null, verification.outcome(), verification);
        Receipt receipt = verification.receipt();
        return switch (verification.outcome()) {
            case RECORDED, DUPLICATE -> ResponseEntity.ok(new AttachAnswer(
                    order.bookingNumber(), request.receiptId(), verification.outcome().code(), order.amount(),
                    receipt == null ? null : receipt.paymentMethod()));
            case LOOKUP_FAILED, DISPATCH_FAILED -> unavailable(verification);
            case UNKNOWN_RECEIPT, UNKNOWN_ORDER -> throw new RejectedException(Rejection.notFound(
                    "receipt_not_found", "Bootpay has no such payment for this booking."));
            case ORDER_MISMATCH -> throw new RejectedException(Rejection.conflict(
                    "order_mismatch", "The receipt is for another booking."));
            case PRICE_MISMATCH -> throw new RejectedException(Rejection.conflict(
                    "price_mismatch", "The payment's amount is not the booking's."));
            case NOT_PAID -> throw new RejectedException(Rejection.conflict(
                    "not_paid", "The payment is not completed: " + verification.detail() + "."));
            case REJECTED -> throw new RejectedException(verification.rejection());
            case MALFORMED, FORBIDDEN_SOURCE -> throw new IllegalStateException("not an attach outcome");
        };
    }

    @GetMapping("/api/payments/health")
    @Operation(summary = "Whether the payment edge is up")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    private void journal(String channel, Claims claims, Instant receivedAt, String remoteAddress,
                         PaymentOutcome outcome, Verification verification) {
        webhooks.record(claims.delivery(channel, receivedAt, remoteAddress, outcome, verification));
    }

    /** Answers at once: placing a booking answered only once the order was here, and nothing else waits. */
    private PaymentOrder ownOrder(String bookingNumber) {
        return orders.find(bookingNumber)
                .filter(order -> order.userId().equals(CurrentUser.id()))
                .orElseThrow(() -> new RejectedException(Rejection.notFound("booking_not_found", "No such booking.")));
    }


    /** The receipt the booking was paid with: from its events, or from a recording they have not reached yet. */
    private Optional<String> paidWith(PaymentOrder order) {
        return order.receiptId() != null ? Optional.of(order.receiptId())
                                         : webhooks.recordedReceipt(order.bookingNumber());
    }

    private static ResponseEntity<Object> unavailable(Verification verification) {
        return verification.outcome() == PaymentOutcome.LOOKUP_FAILED
                ? problem(HttpStatus.SERVICE_UNAVAILABLE, "payment_lookup_failed",
                          "The payment could not be checked with Bootpay; try again.")
                : problem(HttpStatus.SERVICE_UNAVAILABLE, "payment_not_recorded",
                          "The payment is verified but could not be recorded yet; try again.");
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String code, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** What a notification says about itself, read leniently: anything unreadable is simply absent. */
    private record Claims(String receiptId, String orderId, Integer status, BigDecimal price, String webhookType) {

        static Claims of(String body) {
            JsonNode json;
            try {
                json = body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
            if (json == null || !json.isObject()) {
                return new Claims(null, null, null, null, null);
            }
            return new Claims(text(json, "receipt_id"), text(json, "order_id"), integer(json.get("status")),
                              price(json.get("price")), text(json, "webhook_type"));
        }

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
            if (value == null || !value.isNumber()) {
                return null;
            }
            BigDecimal price = value.decimalValue();
            return price.abs().compareTo(LARGEST_PRICE) < 0 ? price : null;
        }
    }

    record InitRequest(@NotBlank @Pattern(regexp = ID, message = "is not a booking number") String bookingNumber) {
    }

    record AttachRequest(@NotBlank @Pattern(regexp = ID, message = "is not a booking number") String bookingNumber,
                         @NotBlank @Pattern(regexp = ID, message = "is not a receipt id") String receiptId) {
    }

    /** What the Bootpay SDK's request takes: order id, price, order name, application id, user, extra. */
    record PaymentInit(String orderId, long price, String orderName, String applicationId, PaymentUser user,
                       PaymentExtra extra, Instant expiresAt) {
    }

    record PaymentUser(String id) {
    }

    record PaymentExtra(boolean separatelyConfirmed) {
    }

    record AttachAnswer(String bookingNumber, String receiptId, String outcome, long paidAmount, String method) {
    }
}
