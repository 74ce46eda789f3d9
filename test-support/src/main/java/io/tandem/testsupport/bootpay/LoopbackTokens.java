package io.tandem.testsupport.bootpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tandem.testsupport.bootpay.LoopbackHttp.error;
import static io.tandem.testsupport.bootpay.LoopbackHttp.jsonBody;
import static io.tandem.testsupport.bootpay.LoopbackHttp.post;
import static io.tandem.testsupport.bootpay.LoopbackHttp.reply;

/** The loopback's access tokens: {@code POST /v2/request/token} issues them, every other call must carry one. */
final class LoopbackTokens {

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofMinutes(30);

    void issue(HttpExchange exchange) throws IOException {
        if (!post(exchange)) {
            return;
        }
        requests.incrementAndGet();
        JsonNode body = jsonBody(exchange);
        if (body == null) {
            error(exchange, 400, "INVALID_REQUEST", "The body is not JSON.");
        } else if (!BootpayLoopbackServer.APPLICATION_ID.equals(body.path("application_id").asText(null))
                   || !BootpayLoopbackServer.PRIVATE_KEY.equals(body.path("private_key").asText(null))) {
            error(exchange, 401, "TOKEN_NOT_PERMITTED",
                  "application_id 또는 private_key 가 올바르지 않습니다.");
        } else {
            String accessToken = UUID.randomUUID().toString().replace("-", "");
            Instant now = Instant.now();
            Instant expiresAt = now.plus(lifetime);
            tokens.put(accessToken, expiresAt);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", accessToken);
            answer.put("server_time", now.toEpochMilli());
            answer.put("expired_at", LoopbackPayment.seoul(expiresAt));
            reply(exchange, 200, answer);
        }
    }

    /** Whether the request carries a live token; if not, it has been answered with a 401. */
    boolean authorized(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Instant expiresAt = authorization != null && authorization.startsWith("Bearer ")
                ? tokens.get(authorization.substring("Bearer ".length())) : null;
        if (expiresAt == null || !expiresAt.isAfter(Instant.now())) {
            error(exchange, 401, "AUTH_TOKEN_INVALID", "유효하지 않은 토큰입니다.");
            return false;
        }
        return true;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    void revokeAll() {
        tokens.clear();
    }

    int requests() {
        return requests.get();
    }
}
