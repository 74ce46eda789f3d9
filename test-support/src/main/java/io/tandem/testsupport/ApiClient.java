package io.tandem.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Talks to a running application over real HTTP, the way a client app does: JSON bodies as raw text (so tests see
 * the exact wire format, snake_case and all), multipart uploads, and an optional bearer token. Where enabled, every
 * exchange is also checked against the server's API document ({@link ApiContract}).
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String accessToken;

    public ApiClient(String baseUrl) {
        this(baseUrl, null);
    }

    private ApiClient(String baseUrl, String accessToken) {
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
    }

    public ApiClient as(String accessToken) {
        return new ApiClient(baseUrl, accessToken);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The bearer token this client sends, for clients of other protocols (STOMP) acting as the same user. */
    public String accessToken() {
        return accessToken;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, request(path).GET());
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, request(path).DELETE());
    }

    /** A DELETE that carries a JSON body, such as the password that confirms an erasure. */
    public ApiResponse delete(String path, String json) {
        return send("DELETE", path, json, withJson(request(path), "DELETE", json));
    }

    public ApiResponse post(String path, String json) {
        return send("POST", path, json, withJson(request(path), "POST", json));
    }

    /** A POST with one extra request header, e.g. an {@code Idempotency-Key}. */
    public ApiResponse post(String path, String json, String header, String value) {
        return send("POST", path, json, withJson(request(path), "POST", json).header(header, value));
    }

    public ApiResponse patch(String path, String json) {
        return send("PATCH", path, json, withJson(request(path), "PATCH", json));
    }

    public ApiResponse put(String path, String json) {
        return send("PUT", path, json, withJson(request(path), "PUT", json));
    }

    /** Sends one file as {@code multipart/form-data} under the given part name. */
    public ApiResponse upload(String path, String partName, String fileName, String declaredType, byte[] content) {
        String boundary = "tandem-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                         + "Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName
                         + "\"\r\n"
                         + "Content-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, null, request(path).header("Content-Type",
                                                             "multipart/form-data; boundary=" + boundary)
                                                     .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                                                 .timeout(Duration.ofSeconds(30));
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        return builder;
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder builder, String method, String json) {
        return builder.header("Content-Type", "application/json")
                      .method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    /** With {@link ApiContract#ENABLED} set, the exchange is held to the server's API document as well. */
    private ApiResponse send(String method, String path, String json, HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            ApiResponse answer = new ApiResponse(response.statusCode(), response.headers(), response.body());
            ApiContract.of(baseUrl).ifPresent(contract -> contract.check(method, path, json, answer.status(),
                                                                         answer.contentType(), answer.bytes()));
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record ApiResponse(int status, java.net.http.HttpHeaders headers, byte[] bytes) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (status " + status + "): " + body(), e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }
}
