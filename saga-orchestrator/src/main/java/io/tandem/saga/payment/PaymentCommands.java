package io.tandem.saga.payment;

import io.tandem.api.Rejection;
import io.tandem.api.booking.BookingCommands.RecordPaymentCommand;
import io.tandem.api.booking.BookingNumber;
import io.tandem.api.booking.BookingCommands.RejectPaymentCommand;
import io.tandem.api.payment.RefusedReceiptCommands.RefuseReceiptCommand;
import io.tandem.platform.axon.Rejections;
import io.tandem.saga.payment.BootpayClient.Receipt;
import io.tandem.saga.payment.PaymentOrders.PaymentOrder;
import io.tandem.saga.payment.PaymentVerifier.Verification;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the payment edge tells the rest once a receipt is verified: the booking is paid, the booking is failed by
 * its owner, or the receipt is refused so its money goes back. A command that could not be delivered makes the
 * outcome {@link PaymentOutcome#DISPATCH_FAILED}, so Bootpay (or the app) asks again.
 */
@Component
class PaymentCommands {

    private static final Logger log = LoggerFactory.getLogger(PaymentCommands.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final String UNKNOWN_ORDER = "unknown_order";

    private final CommandGateway commands;

    PaymentCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /** Sends {@link RecordPaymentCommand}; a paid receipt the booking refuses is refused in turn. */
    Verification record(Receipt receipt, PaymentOrder order) {
        Sent sent = send(new RecordPaymentCommand(order.bookingNumber(), receipt.receiptId(), order.amount(),
                                                  receipt.paymentMethod()));
        if (sent.rejection() != null) {
            log.warn("Booking {} refused paid receipt {}: {}", order.bookingNumber(), receipt.receiptId(),
                     sent.rejection().code());
            return refuse(Verification.rejected(receipt, order, sent.rejection()), sent.rejection().code());
        }
        if (sent.failure() != null) {
            log.error("Payment {} of booking {} could not be recorded: {}", receipt.receiptId(),
                      order.bookingNumber(), sent.failure());
            return Verification.of(PaymentOutcome.DISPATCH_FAILED, receipt, order, sent.failure());
        }
        return Verification.of(PaymentOutcome.RECORDED, receipt, order, null);
    }

    /**
     * The receipt names an order this side does not know: perhaps a booking its copy has not caught up with, so
     * the booking itself decides. A paid receipt for an existing booking at its price is recorded; a booking that
     * does not exist, or refuses, has the receipt refused. Refusing only on the booking's word means a receipt is
     * never refunded and then recorded by a later notification.
     */
    Verification recordUnknown(Verification unknown) {
        Receipt receipt = unknown.receipt();
        if (!receipt.hasStatus(Receipt.PAID) || !BookingNumber.isValid(receipt.orderId())
            || receipt.wholePrice().isEmpty()) {
            return refuse(unknown, UNKNOWN_ORDER);
        }
        Sent sent = send(new RecordPaymentCommand(receipt.orderId(), receipt.receiptId(),
                                                  receipt.wholePrice().getAsLong(), receipt.paymentMethod()));
        if (sent.rejection() != null) {
            return sent.rejection().kind() == Rejection.Kind.NOT_FOUND
                    ? refuse(unknown, UNKNOWN_ORDER)
                    : refuse(Verification.rejected(receipt, null, sent.rejection()), sent.rejection().code());
        }
        if (sent.failure() != null) {
            return Verification.of(PaymentOutcome.DISPATCH_FAILED, receipt, null, sent.failure());
        }
        return Verification.of(PaymentOutcome.RECORDED, receipt, null, "Recorded before its booking reached us");
    }

    /**
     * The paid receipt buys nothing: it is refused once, which refunds it. When the refusal cannot be delivered
     * the outcome asks to be tried again, so the money is never kept.
     */
    Verification refuse(Verification verification, String reason) {
        Receipt receipt = verification.receipt();
        if (!receipt.hasStatus(Receipt.PAID)) {
            return verification;
        }
        long paid = receipt.price() == null ? 0 : receipt.price().longValue();
        Sent sent = send(new RefuseReceiptCommand(receipt.receiptId(), receipt.orderId(), paid, reason));
        if (sent.rejection() != null || sent.failure() != null) {
            String why = sent.failure() != null ? sent.failure() : sent.rejection().code();
            log.error("Paid receipt {} ({}) could not be refused: {}", receipt.receiptId(), reason, why);
            return Verification.of(PaymentOutcome.DISPATCH_FAILED, receipt, verification.order(),
                                   verification.detail() + "; the refund could not be requested: " + why);
        }
        return new Verification(verification.outcome(), receipt, verification.order(), verification.rejection(),
                                verification.detail() + "; its refund is requested");
    }

    /** Only for the booking's owner: a failed or wrongly priced payment cancels the booking, freeing its seat. */
    void rejectPayment(PaymentOrder order, Receipt receipt, String reason) {
        commands.send(new RejectPaymentCommand(order.bookingNumber(), receipt.receiptId(), reason))
                .exceptionally(failure -> {
                    log.warn("Booking {} could not be cancelled after receipt {}: {}", order.bookingNumber(),
                             receipt.receiptId(), failure.toString());
                    return null;
                });
    }

    private Sent send(Object command) {
        try {
            commands.send(command).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Sent(null, null);
        } catch (ExecutionException e) {
            Optional<Rejection> rejection = Rejections.of(e.getCause());
            return rejection.map(refusal -> new Sent(refusal, null))
                            .orElseGet(() -> new Sent(null, String.valueOf(e.getCause())));
        } catch (TimeoutException e) {
            return new Sent(null, "No answer within " + COMMAND_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(null, "Interrupted");
        }
    }

    /** A command's fate: handled (both null), refused by its handler, or not delivered. */
    private record Sent(Rejection rejection, String failure) {
    }
}
