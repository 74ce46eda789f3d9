package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.testsupport.mail.TestMailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The application's REST API as a benchmark calls it: JSON over the JDK's {@link HttpClient}, HTTP/1.1, and a client
 * (one connection) per benchmark thread, so threads do not queue behind each other's requests.
 */
final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    HttpApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A user who signed up and logged in. */
    record User(String id, String token) {
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                         .connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                                                 .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> get(HttpClient http, String path, String token) {
        return send(http, request(path, token).GET().build());
    }

    HttpResponse<String> post(HttpClient http, String path, String token, Object body) {
        try {
            return send(http, request(path, token).header("Content-Type", "application/json")
                                                  .POST(HttpRequest.BodyPublishers.ofString(
                                                          JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String login(HttpClient http, String email, String password) {
        HttpResponse<String> login = post(http, "/api/auth/login", null,
                                          Map.of("username", email, "password", password));
        expect(login, 200);
        return json(login).get("access_token").asText();
    }

    /** Signs up as a person does: the request, then the code mailed to the benchmark JVM's SMTP server. */
    User signUp(HttpClient http, String email, String password, String name) {
        HttpResponse<String> requested = post(http, "/api/auth/signup", null,
                                              Map.of("email", email, "password", password, "name", name));
        expect(requested, 202);
        HttpResponse<String> verified = post(http, "/api/auth/signup/verify", null,
                                             Map.of("email", email, "code", TestMailbox.shared().codeFor(email)));
        expect(verified, 201);
        return new User(json(verified).path("user_id").asText(null), login(http, email, password));
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                                        + response.statusCode() + ": " + response.body());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
