package io.tandem.saga.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingNumber;
import io.tandem.api.booking.BookingStatus;
import io.tandem.platform.ratelimit.RateLimit;
import io.tandem.platform.ratelimit.RateLimits;
import io.tandem.platform.security.CurrentUser;
import io.tandem.saga.payment.BootpayClient.Receipt;
import io.tandem.saga.payment.PaymentOrders.PaymentOrder;
import io.tandem.saga.payment.PaymentVerifier.Verification;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The payment edge: opens a Bootpay payment for a booking (the price always from the booking), takes Bootpay's
 * notifications and the app's "I paid" (attach), and records a payment only once Bootpay's own receipt says it is
 * paid in full (see {@link PaymentVerifier}). Every notification is journaled in {@code payment_webhook}.
 */
@RestController
@Tag(name = "Payments")
class PaymentController {

    /** Bootpay's receipt ids: letters, digits, dash and underscore. */
    private static final String RECEIPT_ID = "[A-Za-z0-9_-]{1,64}";

    private final PaymentOrders orders;
    private final PaymentWebhooks webhooks;
    private final PaymentVerifier verifier;
    private final WebhookSources sources;
    private final BootpayProperties properties;
    private final RateLimit paymentsPerUser;
    private final RateLimit webhooksPerAddress;
    private final Clock clock = Clock.systemUTC();

    PaymentController(PaymentOrders orders, PaymentWebhooks webhooks, PaymentVerifier verifier,
                      WebhookSources sources, BootpayProperties properties, RateLimits limits) {
        this.orders = orders;
        this.webhooks = webhooks;
        this.verifier = verifier;
        this.sources = sources;
        this.properties = properties;
        this.paymentsPerUser = limits.named("payment-user");
        this.webhooksPerAddress = limits.named("webhook-address");
    }

    @PostMapping("/api/payments/init")
    @Operation(summary = "What the Bootpay SDK needs to open the payment window for your booking awaiting payment")
    PaymentInit init(@Valid @RequestBody InitRequest request) {
        paymentsPerUser.take(CurrentUser.id());
        PaymentOrder order = ownOrder(request.bookingNumber());
        if (webhooks.paidWith(order).isPresent()) {
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
    Map<String, Boolean> webhook(@RequestBody(required = false) String body, HttpServletRequest http) {
        // before the receipt is looked up or anything journaled (security review M3)
        webhooksPerAddress.take(http.getRemoteAddr());
        Instant receivedAt = clock.instant();
        WebhookClaims claims = WebhookClaims.of(body);
        String remoteAddress = http.getRemoteAddr();
        if (!sources.allows(remoteAddress)) {
            journal(PaymentWebhooks.WEBHOOK, claims, receivedAt, remoteAddress, PaymentOutcome.FORBIDDEN_SOURCE, null);
            throw new RejectedException(Rejection.forbidden(
                    "webhook_source_forbidden", "Payment notifications are not accepted from this address."));
        }
        if (claims.receiptId() == null || !claims.receiptId().matches(RECEIPT_ID)) {
            journal(PaymentWebhooks.WEBHOOK, claims, receivedAt, remoteAddress, PaymentOutcome.MALFORMED, null);
            throw new RejectedException(Rejection.invalid("invalid_webhook",
                                                          "The notification has no valid receipt_id."));
        }
        Verification verification = verifier.verify(claims.receiptId(), null);
        journal(PaymentWebhooks.WEBHOOK, claims, receivedAt, remoteAddress, verification.outcome(), verification);
        if (verification.outcome().retryable()) {
            throw unavailable(verification);
        }
        return Map.of("success", true);
    }

    @PostMapping("/api/payments/attach-booking")
    @Operation(summary = "Tell the server you paid for your booking: verified with Bootpay like a notification")
    AttachAnswer attach(@Valid @RequestBody AttachRequest request) {
        paymentsPerUser.take(CurrentUser.id());
        Instant receivedAt = clock.instant();
        PaymentOrder order = ownOrder(request.bookingNumber());
        Verification verification = verifier.verify(request.receiptId(), order.bookingNumber());
        WebhookClaims claims = WebhookClaims.attached(request.receiptId(), order.bookingNumber());
        // the traveller's address is personal data and says nothing about the payment: not kept
        journal(PaymentWebhooks.ATTACH, claims, receivedAt, null, verification.outcome(), verification);
        Receipt receipt = verification.receipt();
        return switch (verification.outcome()) {
            case RECORDED, DUPLICATE -> new AttachAnswer(
                    order.bookingNumber(), request.receiptId(), verification.outcome().code(), order.amount(),
                    receipt == null ? null : receipt.paymentMethod());
            case LOOKUP_FAILED, DISPATCH_FAILED -> throw unavailable(verification);
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

    private void journal(String channel, WebhookClaims claims, Instant receivedAt, String remoteAddress,
                         PaymentOutcome outcome, Verification verification) {
        webhooks.record(claims.delivery(channel, receivedAt, remoteAddress, outcome, verification));
    }

    /** Answers at once: placing a booking answered only once the order was here, and nothing else waits. */
    private PaymentOrder ownOrder(String bookingNumber) {
        return orders.find(bookingNumber)
                .filter(order -> order.userId().equals(CurrentUser.id()))
                .orElseThrow(() -> new RejectedException(Rejection.notFound("booking_not_found", "No such booking.")));
    }

    private static RejectedException unavailable(Verification verification) {
        return new RejectedException(verification.outcome() == PaymentOutcome.LOOKUP_FAILED
                ? Rejection.unavailable("payment_lookup_failed",
                                        "The payment could not be checked with Bootpay; try again.")
                : Rejection.unavailable("payment_not_recorded",
                                        "The payment is verified but could not be recorded yet; try again."));
    }

    record InitRequest(@NotBlank @Pattern(regexp = BookingNumber.PATTERN, message = "is not a booking number")
                       String bookingNumber) {
    }

    record AttachRequest(@NotBlank @Pattern(regexp = BookingNumber.PATTERN, message = "is not a booking number")
                         String bookingNumber,
                         @NotBlank @Pattern(regexp = RECEIPT_ID, message = "is not a receipt id") String receiptId) {
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
