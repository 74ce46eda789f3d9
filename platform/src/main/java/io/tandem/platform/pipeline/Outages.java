package io.tandem.platform.pipeline;

import io.tandem.platform.jdbc.DatabaseUnavailable;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/**
 * Failures no event can cause: the database or a backing service (search, storage) did not answer. Parking events
 * for them would fill the dead-letter queue with events that are fine, so the processor's batch fails instead and
 * is tried again until the service is back. Everything else is the event's (or its handler's) fault and parks it.
 */
final class Outages {

    private Outages() {
    }

    static boolean isOutage(Throwable failure) {
        if (DatabaseUnavailable.isCauseOf(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof SocketTimeoutException
                || cause instanceof UnknownHostException || cause instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
