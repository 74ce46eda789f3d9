package io.tandem.saga.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * One HTTP exchange with Bootpay's REST API v2, with the configured timeouts. Bootpay's JSON is snake_case; it is
 * read and written with a mapper of its own, whatever the web JSON settings are.
 */
class BootpayHttp {

    private static final ObjectMapper JSON = JsonMapper.builder()
                                                       .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                                                       .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                                       .serializationInclusion(JsonInclude.Include.NON_NULL)
                                                       .build();

    private final RestClient http;
    private final URI baseUri;

    BootpayHttp(BootpayProperties properties, RestClient.Builder builder) {
        String base = properties.baseUrl().endsWith("/") ? properties.baseUrl() : properties.baseUrl() + "/";
        this.baseUri = URI.create(base);
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        requestFactory.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().requestFactory(requestFactory).build();
    }

    /**
     * @param bearer the access token, or null for the token request itself
     * @throws BootpayUnavailableException when Bootpay could not be reached
     */
    Response send(HttpMethod method, String path, Object body, String bearer) {
        try {
            RestClient.RequestBodySpec request = http.method(method)
                                                     .uri(baseUri.resolve(path))
                                                     .accept(MediaType.APPLICATION_JSON);
            if (bearer != null) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
            }
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(body));
            }
            return request.exchange((req, res) -> new Response(res.getStatusCode().value(),
                                                               res.getBody().readAllBytes()));
        } catch (RestClientException | IOException e) {
            throw new BootpayUnavailableException("Bootpay could not be reached (" + method + " " + path + "): "
                                                  + e.getMessage(), e);
        }
    }

    static BootpayUnavailableException unavailable(String what, Response response) {
        return new BootpayUnavailableException("Bootpay did not " + what + ": " + response.describe());
    }

    record Response(int status, byte[] body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Bootpay understood and said no; 408 and 429 are about timing, so they count as unavailability. */
        boolean refusal() {
            return status >= 400 && status < 500 && status != 401 && status != 408 && status != 429;
        }

        <T> T read(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new BootpayUnavailableException("Bootpay answered unreadable JSON (HTTP " + status + ")", e);
            }
        }

        String describe() {
            try {
                BootpayError error = JSON.readValue(body, BootpayError.class);
                if (error != null && (error.errorCode() != null || error.message() != null)) {
                    return "HTTP " + status + " " + error.errorCode() + ": " + error.message();
                }
            } catch (IOException e) {
                // not Bootpay's error format: fall through to the bare status
            }
            return "HTTP " + status;
        }
    }

    record BootpayError(String errorCode, String message) {
    }
}
