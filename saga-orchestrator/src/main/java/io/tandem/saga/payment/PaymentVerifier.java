package io.tandem.saga.payment;

import io.tandem.api.Rejection;
import io.tandem.api.booking.BookingCommands.RecordPaymentCommand;
import io.tandem.saga.payment.BootpayClient.Receipt;
import io.tandem.saga.payment.PaymentOrders.PaymentOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Decides what a receipt id is worth, trusting nothing a caller says about it: the receipt is looked up at
 * Bootpay, its order must be a booking we know, it must be paid (a payment awaiting confirmation is confirmed
 * first when payments are separately confirmed, and only if the booking can still take it), and its price must
 * be the booking's amount. Only then is {@link RecordPaymentCommand} sent; the booking has the last word.
 * <p>
 * Money is never kept: a paid receipt that does not end in a payment of its booking (wrong price, unknown order,
 * a booking that is closed or already paid) is refused, and the refusal refunds it. And nobody but a booking's
 * owner can fail it: a notification is unauthenticated, so only the owner's attach cancels the booking for a
 * failed or wrongly priced payment.
 */
@Component
class PaymentVerifier {

    private static final Logger log = LoggerFactory.getLogger(PaymentVerifier.class);

    private final BootpayClient bootpay;
    private final PaymentOrders orders;
    private final PaymentWebhooks webhooks;
    private final PaymentCommands commands;
    private final BootpayProperties properties;
    private final Clock clock = Clock.systemUTC();

    PaymentVerifier(BootpayClient bootpay, PaymentOrders orders, PaymentWebhooks webhooks, PaymentCommands commands,
                    BootpayProperties properties) {
        this.bootpay = bootpay;
        this.orders = orders;
        this.webhooks = webhooks;
        this.commands = commands;
        this.properties = properties;
    }

    /**
     * @param ownersBooking the booking its signed-in owner says the receipt pays (attach), or null for a
     *                      notification, which takes the receipt's own order and may never fail a booking
     */
    Verification verify(String receiptId, String ownersBooking) {
        Receipt receipt;
        try {
            Optional<Receipt> found = bootpay.receipt(receiptId);
            if (found.isEmpty()) {
                return Verification.of(PaymentOutcome.UNKNOWN_RECEIPT, null, null,
                                       "Bootpay has no receipt " + receiptId);
            }
            receipt = found.get();
        } catch (BootpayUnavailableException e) {
            log.warn("Receipt {} could not be looked up: {}", receiptId, e.getMessage());
            return Verification.of(PaymentOutcome.LOOKUP_FAILED, null, null, e.getMessage());
        }
        if (ownersBooking != null && !ownersBooking.equals(receipt.orderId())) {
            return Verification.of(PaymentOutcome.ORDER_MISMATCH, receipt, null,
                                   "The receipt is for order " + receipt.orderId());
        }
        Optional<PaymentOrder> known = receipt.orderId() == null ? Optional.empty()
                                                               : orders.findCaughtUp(receipt.orderId());
        if (known.isEmpty()) {
            return commands.recordUnknown(Verification.of(PaymentOutcome.UNKNOWN_ORDER, receipt, null,
                                                          "No booking " + receipt.orderId()));
        }
        PaymentOrder order = known.get();
        if (receiptId.equals(order.receiptId()) || webhooks.recorded(receiptId)) {
            return Verification.of(PaymentOutcome.DUPLICATE, receipt, order, "Recorded before");
        }
        if (receipt.hasStatus(Receipt.AWAITING_CONFIRM) && properties.separatelyConfirmed()) {
            Optional<Verification> refused = confirm(receipt, order);
            if (refused.isPresent()) {
                return refused.get();
            }
            Optional<Receipt> confirmed;
            try {
                confirmed = bootpay.receipt(receiptId);
            } catch (BootpayUnavailableException e) {
                log.warn("Receipt {} could not be looked up after confirmation: {}", receiptId, e.getMessage());
                return Verification.of(PaymentOutcome.LOOKUP_FAILED, receipt, order, e.getMessage());
            }
            if (confirmed.isEmpty()) {
                return Verification.of(PaymentOutcome.UNKNOWN_RECEIPT, null, order,
                                       "The receipt vanished after confirmation");
            }
            receipt = confirmed.get();
            if (!order.bookingNumber().equals(receipt.orderId())) {
                return Verification.of(PaymentOutcome.ORDER_MISMATCH, receipt, order,
                                       "After confirmation the receipt is for order " + receipt.orderId());
            }
        }
        if (!receipt.hasStatus(Receipt.PAID)) {
            if (receipt.hasStatus(Receipt.FAILED) && ownersBooking != null) {
                commands.rejectPayment(order, receipt, "payment failed");
            }
            return Verification.of(PaymentOutcome.NOT_PAID, receipt, order,
                                   "Status " + receipt.status() + " (" + receipt.statusLocale() + ")");
        }
        if (!receipt.priceIs(order.amount())) {
            log.warn("Receipt {} pays {} for booking {} that costs {}", receipt.receiptId(), receipt.price(),
                     order.bookingNumber(), order.amount());
            if (ownersBooking != null) {
                commands.rejectPayment(order, receipt, "payment amount does not match the booking");
            }
            return commands.refuse(priceMismatch(receipt, order), "price_mismatch");
        }
        if (webhooks.paidWith(order).isPresent()) {
            Rejection alreadyPaid = Rejection.conflict("already_paid",
                                                       "The booking is already paid with another receipt.");
            return commands.refuse(Verification.rejected(receipt, order, alreadyPaid), alreadyPaid.code());
        }
        return commands.record(receipt, order);
    }

    /**
     * Captures a payment awaiting confirmation, unless its booking cannot take it: then it is not captured and no
     * money moved. Empty when confirmed (or Bootpay refused to, which the lookup that follows shows).
     */
    private Optional<Verification> confirm(Receipt receipt, PaymentOrder order) {
        if (!receipt.priceIs(order.amount())) {
            return Optional.of(priceMismatch(receipt, order));
        }
        if (!order.payableAt(clock.instant())) {
            Rejection refusal = Rejection.conflict("booking_not_payable", "The booking no longer takes a payment ("
                    + order.status().name().toLowerCase() + "); the payment was not confirmed.");
            return Optional.of(Verification.rejected(receipt, order, refusal));
        }
        try {
            bootpay.confirm(receipt.receiptId());
            return Optional.empty();
        } catch (BootpayUnavailableException e) {
            log.warn("Receipt {} could not be confirmed: {}", receipt.receiptId(), e.getMessage());
            return Optional.of(Verification.of(PaymentOutcome.LOOKUP_FAILED, receipt, order, e.getMessage()));
        }
    }

    private static Verification priceMismatch(Receipt receipt, PaymentOrder order) {
        return Verification.of(PaymentOutcome.PRICE_MISMATCH, receipt, order,
                               "Paid " + receipt.price() + ", owed " + order.amount());
    }

    /**
     * The outcome with what it was decided on: the receipt as last looked up (null when it could not be), the
     * order, and the booking's refusal for {@link PaymentOutcome#REJECTED}.
     */
    record Verification(PaymentOutcome outcome, Receipt receipt, PaymentOrder order, Rejection rejection,
                        String detail) {

        static Verification of(PaymentOutcome outcome, Receipt receipt, PaymentOrder order, String detail) {
            return new Verification(outcome, receipt, order, null, detail);
        }

        static Verification rejected(Receipt receipt, PaymentOrder order, Rejection rejection) {
            return new Verification(PaymentOutcome.REJECTED, receipt, order, rejection,
                                    rejection.code() + ": " + rejection.detail());
        }
    }
}
