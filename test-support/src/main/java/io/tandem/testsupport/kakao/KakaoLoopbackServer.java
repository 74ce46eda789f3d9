package io.tandem.testsupport.kakao;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback stand-in for Kakao's login servers speaking their documented wire format:
 * {@code POST /oauth/token} (form-encoded authorization-code grant) and {@code GET /v2/user/me} (Bearer token).
 * Codes are single use and bound to the redirect URI they were issued for, as Kakao's are.
 */
public final class KakaoLoopbackServer implements AutoCloseable {

    public static final String CLIENT_ID = "loopback-rest-api-key";

    private final HttpServer server;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, KakaoTestUser> accessTokens = new ConcurrentHashMap<>();

    public KakaoLoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth/token", this::token);
        server.createContext("/v2/user/me", this::me);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What Kakao would hand the browser after the user agreed: a code for this user and redirect URI. */
    public String issueCode(KakaoTestUser user, String redirectUri) {
        String code = UUID.randomUUID().toString().replace("-", "");
        codes.put(code, new PendingCode(user, redirectUri));
        return code;
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())
            || !exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/x-www-form-urlencoded")) {
            reply(exchange, 400, error("KOE010", "Bad client credentials"));
            return;
        }
        Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(),
                                                        StandardCharsets.UTF_8));
        PendingCode pending = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (!"authorization_code".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))) {
            reply(exchange, 401, error("KOE101", "Invalid client_id"));
        } else if (pending == null) {
            reply(exchange, 400, error("KOE320", "authorization code not found for code=" + form.get("code")));
        } else if (!pending.redirectUri().equals(form.get("redirect_uri"))) {
            reply(exchange, 400, error("KOE303", "Redirect URI mismatch"));
        } else {
            String accessToken = UUID.randomUUID().toString();
            accessTokens.put(accessToken, pending.user());
            reply(exchange, 200, """
                    {"token_type":"bearer","access_token":"%s","expires_in":21599,
                     "refresh_token":"%s","refresh_token_expires_in":5183999,"scope":"account_email profile"}"""
                    .formatted(accessToken, UUID.randomUUID()));
        }
    }

    private void me(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        KakaoTestUser user = authorization != null && authorization.startsWith("Bearer ")
                ? accessTokens.get(authorization.substring("Bearer ".length())) : null;
        if (user == null) {
            reply(exchange, 401, "{\"msg\":\"this access token does not exist\",\"code\":-401}");
            return;
        }
        String email = user.email() == null ? "" : """
                ,"has_email":true,"email_needs_agreement":false,"is_email_valid":true,"is_email_verified":%s,
                "email":"%s\"""".formatted(user.emailVerified(), user.email());
        reply(exchange, 200, """
                {"id":%d,"connected_at":"2026-11-01T00:00:00Z","properties":{"nickname":"%s"},
                 "kakao_account":{"profile_nickname_needs_agreement":false,
                   "profile":{"nickname":"%s","thumbnail_image_url":"%s","profile_image_url":"%s",
                              "is_default_image":false}%s}}"""
                .formatted(user.id(), user.nickname(), user.nickname(), user.profileImageUrl(),
                           user.profileImageUrl(), email));
    }

    private static String error(String code, String description) {
        return """
                {"error":"invalid_grant","error_description":"%s","error_code":"%s"}""".formatted(description, code);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                         URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record PendingCode(KakaoTestUser user, String redirectUri) {
    }
}
