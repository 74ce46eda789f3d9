package io.tandem.platform.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.concurrent.TimeUnit;

/** Answers 429 problem+json, code {@code rate_limited}, with {@code Retry-After} in whole seconds (at least 1). */
public final class RateLimitedException extends ErrorResponseException {

    private final long retryAfterSeconds;

    RateLimitedException(String limit, long nanosToWait) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(limit, secondsOf(nanosToWait)), null);
        this.retryAfterSeconds = secondsOf(nanosToWait);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long secondsOf(long nanos) {
        return Math.max(1, (TimeUnit.NANOSECONDS.toMillis(nanos) + 999) / 1000);
    }

    private static ProblemDetail problem(String limit, long seconds) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                                                              "Too many requests (" + limit + "); try again in "
                                                              + seconds + " s.");
        body.setProperty("code", "rate_limited");
        return body;
    }
}
