package io.tandem.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API document ({@code /v3/api-docs}) held to what the API really does: with the system property
 * {@value #ENABLED} set, every exchange an {@link ApiClient} makes is checked against the document of the server it
 * talks to. An accepted request must match its operation's request schema, and every answer its documented status
 * and schema, property by property (an undocumented property is a violation: the document must be exact).
 */
public final class ApiContract {

    public static final String ENABLED = "tandem.api-contract";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ApiContract> BY_SERVER = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();

    private record Operation(String method, String template, Pattern path, JsonNode node) {
    }

    private ApiContract(JsonNode document) {
        this.document = document;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
            path.getValue().fields().forEachRemaining(op -> operations.add(
                    new Operation(op.getKey().toUpperCase(), path.getKey(), pattern, op.getValue())));
        }
        // a literal segment wins over a template variable: /api/bookings/health before /api/bookings/{number}
        operations.sort(Comparator.comparingLong(op -> op.template().chars().filter(c -> c == '{').count()));
    }

    static Optional<ApiContract> of(String baseUrl) {
        if (!Boolean.getBoolean(ENABLED)) {
            return Optional.empty();
        }
        return Optional.of(BY_SERVER.computeIfAbsent(baseUrl, ApiContract::load));
    }

    private static ApiContract load(String baseUrl) {
        try {
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("no API document at " + baseUrl + ": " + answer.statusCode());
            }
            return new ApiContract(JSON.readTree(answer.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails with every way the exchange departs from the document. */
    void check(String method, String pathAndQuery, String requestJson, int status, String contentType, byte[] body) {
        String path = pathAndQuery.split("\\?", 2)[0];
        if (!path.startsWith("/api/")) {
            return;
        }
        Operation operation = operations.stream()
                                        .filter(op -> op.method().equals(method) && op.path().matcher(path).matches())
                                        .findFirst().orElse(null);
        List<String> violations = new ArrayList<>();
        if (operation == null) {
            if (status < 300) {
                violations.add("undocumented operation answered " + status);
            }
        } else {
            if (status < 300 && requestJson != null) {
                JsonNode schema = operation.node().path("requestBody").path("content").path("application/json")
                                           .path("schema");
                if (!schema.isMissingNode()) {
                    new SchemaCheck(document, violations, "request").check(read(requestJson.getBytes()), schema);
                }
            }
            checkAnswer(operation, status, contentType, body, violations);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("API document departs from " + method + " " + pathAndQuery + " -> " + status
                                     + ": " + String.join("; ", violations));
        }
    }

    private void checkAnswer(Operation operation, int status, String contentType, byte[] body,
                             List<String> violations) {
        JsonNode responses = operation.node().path("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
                                                                   : responses.path(status / 100 + "XX");
        if (response.isMissingNode()) {
            violations.add("status " + status + " is not documented for " + operation.method() + " "
                           + operation.template());
            return;
        }
        // one JSON document (application/json, application/problem+json); NDJSON is a stream of them, not one
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
        if (!json || body.length == 0) {
            return;
        }
        JsonNode content = response.path("content");
        JsonNode schema = content.path(contentType.split(";")[0].trim()).path("schema");
        if (schema.isMissingNode()) {
            schema = content.path("*/*").path("schema");
        }
        if (schema.isMissingNode()) {
            violations.add("a " + contentType + " body is not documented for status " + status);
            return;
        }
        new SchemaCheck(document, violations, "answer").check(read(body), schema);
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
