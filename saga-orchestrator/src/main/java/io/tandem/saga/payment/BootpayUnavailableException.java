package io.tandem.saga.payment;

/**
 * Bootpay could not answer the question: unreachable, a 5xx, a timeout, or our credentials refused. Nothing about
 * the payment is known, so callers try again later rather than decide anything.
 */
public class BootpayUnavailableException extends RuntimeException {

    public BootpayUnavailableException(String message) {
        super(message);
    }

    public BootpayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
