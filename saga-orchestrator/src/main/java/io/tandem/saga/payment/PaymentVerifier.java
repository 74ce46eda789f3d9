package io.tandem.saga.payment;

import io.tandem.api.Rejection;
import io.tandem.api.booking.BookingCommands.RecordPaymentCommand;
import io.tandem.api.booking.BookingCommands.RejectPaymentCommand;
import io.tandem.platform.axon.Rejections;
import io.tandem.saga.payment.BootpayClient.Receipt;
import io.tandem.saga.payment.PaymentOrders.PaymentOrder;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides what a receipt id is worth, trusting nothing a caller says about it: the receipt is looked up at
 * Bootpay, its order must be a booking we know, it must be paid (a payment awaiting confirmation is confirmed
 * first when payments are separately confirmed, and only if the booking can still take it), and its price must be
 * the booking's amount. Only then is {@link RecordPaymentCommand} sent; the booking has the last word.
 */
@Component
class PaymentVerifier {

    private static final Logger log = LoggerFactory.getLogger(PaymentVerifier.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final BootpayClient bootpay;
    private final PaymentOrders orders;
    private final PaymentWebhooks webhooks;
    private final CommandGateway commands;
    private final BootpayProperties properties;
    private final Clock clock = Clock.systemUTC();

    PaymentVerifier(BootpayClient bootpay, PaymentOrders orders, PaymentWebhooks webhooks, CommandGateway commands,
                    BootpayProperties properties) {
        this.bootpay = bootpay;
        this.orders = orders;
        this.webhooks = webhooks;
        this.commands = commands;
        this.properties = properties;
    }

    /**
     * @param expectedOrderId the booking the receipt must belong to (attach), or null to take the receipt's own
     *                        order (webhook)
     */
    Verification verify(String receiptId, String expectedOrderId) {
        Receipt receipt;
        try {
            Optional<Receipt> found = bootpay.receipt(receiptId);
            if (found.isEmpty()) {
                return new Verification(PaymentOutcome.UNKNOWN_RECEIPT, null, null, null,
                                        "Bootpay has no receipt " + receiptId);
            }
            receipt = found.get();
        } catch (BootpayUnavailableException e) {
            log.warn("Receipt {} could not be looked up: {}", receiptId, e.getMessage());
            return new Verification(PaymentOutcome.LOOKUP_FAILED, null, null, null, e.getMessage());
        }
        if (expectedOrderId != null && !expectedOrderId.equals(receipt.orderId())) {
            return new Verification(PaymentOutcome.ORDER_MISMATCH, receipt, null, null,
                                    "The receipt is for order " + receipt.orderId());
        }
        Optional<PaymentOrder> known = receipt.orderId() == null ? Optional.empty()
                                                               : orders.findCaughtUp(receipt.orderId());
        if (known.isEmpty()) {
            return new Verification(PaymentOutcome.UNKNOWN_ORDER, receipt, null, null,
                                    "No booking " + receipt.orderId());
        }
        PaymentOrder order = known.get();
        if (receiptId.equals(order.receiptId()) || webhooks.recorded(receiptId)) {
            return new Verification(PaymentOutcome.DUPLICATE, receipt, order, null, "Recorded before");
        }
        if (receipt.hasStatus(Receipt.AWAITING_CONFIRM) && properties.separatelyConfirmed()) {
            if (!receipt.priceIs(order.amount())) {
                return priceMismatch(receipt, order);
            }
            if (!order.payableAt(clock.instant())) {
                Rejection refusal = Rejection.conflict("booking_not_payable", "The booking no longer takes a payment ("
                        + order.status().name().toLowerCase() + "); the payment was not confirmed.");
                return new Verification(PaymentOutcome.REJECTED, receipt, order, refusal, refusal.detail());
            }
            try {
                bootpay.confirm(receiptId);
                Optional<Receipt> confirmed = bootpay.receipt(receiptId);
                if (confirmed.isEmpty()) {
                    return new Verification(PaymentOutcome.UNKNOWN_RECEIPT, null, order, null,
                                            "The receipt vanished after confirmation");
                }
                receipt = confirmed.get();
            } catch (BootpayUnavailableException e) {
                log.warn("Receipt {} could not be confirmed: {}", receiptId, e.getMessage());
                return new Verification(PaymentOutcome.LOOKUP_FAILED, receipt, order, null, e.getMessage());
            }
            if (!order.bookingNumber().equals(receipt.orderId())) {
                return new Verification(PaymentOutcome.ORDER_MISMATCH, receipt, order, null,
                                        "After confirmation the receipt is for order " + receipt.orderId());
            }
        }
        if (!receipt.hasStatus(Receipt.PAID)) {
            if (receipt.hasStatus(Receipt.FAILED)) {
                rejectPayment(order, receipt, "payment failed");
            }
            return new Verification(PaymentOutcome.NOT_PAID, receipt, order, null,
                                    "Status " + receipt.status() + " (" + receipt.statusLocale() + ")");
        }
        if (!receipt.priceIs(order.amount())) {
            rejectPayment(order, receipt, "payment amount does not match the booking");
            return priceMismatch(receipt, order);
        }
        return record(receipt, order);
    }

    private Verification record(Receipt receipt, PaymentOrder order) {
        RecordPaymentCommand command = new RecordPaymentCommand(order.bookingNumber(), receipt.receiptId(),
                                                                order.amount(), receipt.paymentMethod());
        try {
            commands.send(command).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Verification(PaymentOutcome.RECORDED, receipt, order, null, null);
        } catch (ExecutionException e) {
            Optional<Rejection> rejection = Rejections.of(e.getCause());
            if (rejection.isPresent()) {
                log.warn("Booking {} refused paid receipt {}: {}", order.bookingNumber(), receipt.receiptId(),
                         rejection.get().code());
                return new Verification(PaymentOutcome.REJECTED, receipt, order, rejection.get(),
                                        rejection.get().code() + ": " + rejection.get().detail());
            }
            log.error("Payment {} of booking {} could not be recorded", receipt.receiptId(), order.bookingNumber(),
                      e.getCause());
            return new Verification(PaymentOutcome.DISPATCH_FAILED, receipt, order, null,
                                    String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            return new Verification(PaymentOutcome.DISPATCH_FAILED, receipt, order, null,
                                    "No answer from the booking within " + COMMAND_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verification(PaymentOutcome.DISPATCH_FAILED, receipt, order, null, "Interrupted");
        }
    }

    /** A failed or wrongly priced payment cancels the booking, which frees its seat; the booking ignores it once paid. */
    private void rejectPayment(PaymentOrder order, Receipt receipt, String reason) {
        commands.send(new RejectPaymentCommand(order.bookingNumber(), receipt.receiptId(), reason))
                .exceptionally(failure -> {
                    log.warn("Booking {} could not be cancelled after receipt {}: {}", order.bookingNumber(),
                             receipt.receiptId(), failure.toString());
                    return null;
                });
    }

    private static Verification priceMismatch(Receipt receipt, PaymentOrder order) {
        log.warn("Receipt {} pays {} for booking {} that costs {}", receipt.receiptId(), receipt.price(),
                 order.bookingNumber(), order.amount());
        return new Verification(PaymentOutcome.PRICE_MISMATCH, receipt, order, null,
                                "Paid " + receipt.price() + ", owed " + order.amount());
    }

    /**
     * The outcome with what it was decided on: the receipt as last looked up (null when it could not be), the
     * order, and the booking's refusal for {@link PaymentOutcome#REJECTED}.
     */
    record Verification(PaymentOutcome outcome, Receipt receipt, PaymentOrder order, Rejection rejection,
                        String detail) {
    }
}
