package io.tandem.testsupport.bootpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests and writing answers the way Bootpay does: JSON bodies, errors as {error_code, message}. */
final class LoopbackHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopbackHttp() {
    }

    /** The path's last segment after {@code prefix}, or null when there is none or more than one. */
    static String lastSegment(HttpExchange exchange, String prefix) {
        String path = exchange.getRequestURI().getRawPath();
        String segment = path.substring(prefix.length());
        return segment.isEmpty() || segment.contains("/") ? null : URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    /** The request's JSON object, or null when it is not one (or not declared as JSON). */
    static JsonNode jsonBody(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (contentType == null || !contentType.startsWith("application/json")) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(bytes);
            return body != null && body.isObject() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        reply(exchange, status, body);
    }

    static void reply(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] body = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static boolean get(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "METHOD_NOT_ALLOWED", "GET only");
            return false;
        }
        return true;
    }

    static boolean post(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "METHOD_NOT_ALLOWED", "POST only");
            return false;
        }
        return true;
    }
}
