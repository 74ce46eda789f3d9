package io.tandem.saga.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.saga.payment.BootpayHttp.Response;
import org.springframework.http.HttpMethod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bootpay's access token from {@code POST request/token}, kept until shortly before it expires; one request at a
 * time fetches a new one. A token Bootpay refused is forgotten so the next call fetches a fresh one.
 */
class BootpayToken {

    /** A token is replaced this long before Bootpay says it expires. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);

    private final BootpayProperties properties;
    private final BootpayHttp http;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile AccessToken token;

    BootpayToken(BootpayProperties properties, BootpayHttp http) {
        this.properties = properties;
        this.http = http;
    }

    /** @throws BootpayUnavailableException when no token could be had */
    String value() {
        AccessToken current = token;
        if (current != null && current.usableAt(clock.instant())) {
            return current.value();
        }
        lock.lock();
        try {
            current = token;
            if (current == null || !current.usableAt(clock.instant())) {
                current = request();
                token = current;
            }
            return current.value();
        } finally {
            lock.unlock();
        }
    }

    /** Bootpay refused {@code stale}: the next {@link #value()} fetches a new token, unless another already did. */
    void forget(String stale) {
        lock.lock();
        try {
            if (token != null && token.value().equals(stale)) {
                token = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private AccessToken request() {
        if (!properties.serverApiConfigured()) {
            throw new BootpayUnavailableException("Bootpay is not configured: set tandem.bootpay.application-id "
                                                  + "and the private key (TANDEM_BOOTPAY_PRIVATE_KEY)");
        }
        Instant requestedAt = clock.instant();
        Response response = http.send(HttpMethod.POST, "request/token",
                                      Map.of("application_id", properties.applicationId(),
                                             "private_key", properties.privateKey()), null);
        if (!response.ok()) {
            throw BootpayHttp.unavailable("get an access token", response);
        }
        TokenResponse answer = response.read(TokenResponse.class);
        if (answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw new BootpayUnavailableException("Bootpay answered a token request without access_token");
        }
        return new AccessToken(answer.accessToken(),
                               requestedAt.plus(lifetime(answer, requestedAt)).minus(REFRESH_MARGIN));
    }

    /** Measured on Bootpay's own clock when it tells its time, so a skewed local clock does not matter. */
    private static Duration lifetime(TokenResponse answer, Instant requestedAt) {
        Instant expiredAt = instant(answer.expiredAt());
        if (expiredAt == null) {
            return DEFAULT_LIFETIME;
        }
        Instant serverTime = instant(answer.serverTime());
        Duration lifetime = Duration.between(serverTime != null ? serverTime : requestedAt, expiredAt);
        return lifetime.isNegative() ? Duration.ZERO : lifetime;
    }

    private static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            long number = value.asLong();
            return number > 100_000_000_000L ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    record TokenResponse(String accessToken, JsonNode serverTime, JsonNode expiredAt) {
    }

    private record AccessToken(String value, Instant refreshAt) {

        boolean usableAt(Instant now) {
            return now.isBefore(refreshAt);
        }
    }
}
