package io.tandem.platform.pipeline;

import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The retry state every dead letter carries in its diagnostics, stored as JSON in {@code deadletterentry.diagnostics}
 * (read it with the {@code dead_letter_status} view). Keys:
 * <ul>
 *   <li>{@value #RETRIES}: retries that failed so far (0 when the letter was parked);</li>
 *   <li>{@value #NEXT_RETRY_AT}: when a node retries it next (ISO-8601, UTC); absent once it waits for an
 *       operator;</li>
 *   <li>{@value #LAST_ERROR}: the last failure, {@code "<exception class>: <message>"};</li>
 *   <li>{@value #STATE}: {@value #RETRYING} or {@value #PARKED} (retries used up: only an operator retries it);</li>
 *   <li>{@value #TOP_FRAME}: where the last failure happened, {@code <class>.<method>:<line>}: the first frame of
 *       Tandem's own code in its stack, else its first frame ({@link FailureText#topFrame}). With the letter's cause
 *       type it is the failure's fingerprint, by which the operations console groups letters.</li>
 * </ul>
 * Letters queued behind the first one of their sequence have no diagnostics until they are tried themselves.
 */
public final class DeadLetterDiagnostics {

    public static final String RETRIES = "retries";
    public static final String NEXT_RETRY_AT = "next_retry_at";
    public static final String LAST_ERROR = "last_error";
    public static final String STATE = "state";
    public static final String RETRYING = "retrying";
    public static final String PARKED = "parked";
    public static final String TOP_FRAME = "top_frame";

    private DeadLetterDiagnostics() {
    }

    /** The diagnostics after a failure: a failed retry counts when {@code counted}, a first failure never does. */
    static MetaData afterFailure(MetaData previous, Throwable cause, Instant now, DeadLetterProperties policy,
                                 boolean counted) {
        int retries = previous.containsKey(RETRIES) ? retries(previous) + (counted ? 1 : 0) : 0;
        Map<String, Object> next = new HashMap<>();
        next.put(RETRIES, retries);
        next.put(LAST_ERROR, FailureText.of(cause));
        next.put(TOP_FRAME, FailureText.topFrame(cause));
        if (retries >= policy.maxRetries()) {
            next.put(STATE, PARKED);
        } else {
            next.put(STATE, RETRYING);
            next.put(NEXT_RETRY_AT, now.plus(policy.delayAfter(retries)).toString());
        }
        return MetaData.from(next);
    }

    /** Whether a node should retry the letter now: its time has come, and it has retries left. */
    static boolean isDue(MetaData diagnostics, Instant now) {
        if (PARKED.equals(diagnostics.get(STATE))) {
            return false;
        }
        Object at = diagnostics.get(NEXT_RETRY_AT);
        // a letter without a retry time was queued behind another, or parked before retries were scheduled
        return at == null || !Instant.parse(at.toString()).isAfter(now);
    }

    static int retries(MetaData diagnostics) {
        Object retries = diagnostics.get(RETRIES);
        return retries instanceof Number number ? number.intValue() : 0;
    }
}
