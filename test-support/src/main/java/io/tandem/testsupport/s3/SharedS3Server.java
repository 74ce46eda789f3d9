package io.tandem.testsupport.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One S3-compatible server per test JVM: S3Proxy, started as a child process on first use and stopped when the JVM
 * exits. Buckets live in memory; address them path-style ({@code endpoint/bucket/key}) with any region and the
 * credentials below, which the server checks.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void s3(DynamicPropertyRegistry registry) {
 *     registry.add("tandem.storage.s3.endpoint", SharedS3Server::endpoint);
 *     registry.add("tandem.storage.s3.access-key", SharedS3Server::accessKey);
 *     registry.add("tandem.storage.s3.secret-key", SharedS3Server::secretKey);
 * }
 * }</pre>
 */
public final class SharedS3Server {

    private static final String ACCESS_KEY = "tandem-test-access-key";
    private static final String SECRET_KEY = "tandem-test-secret-key";
    private static final String REGION = "us-east-1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static S3ProxyProcess server;
    private static RuntimeException startFailure;

    private SharedS3Server() {
    }

    /**
     * Starts the server on first use. A failed start is remembered and reported to every later caller, so each
     * failing test shows the cause instead of retrying a start that takes seconds to fail again.
     */
    private static synchronized S3ProxyProcess server() {
        if (server == null && startFailure == null) {
            try {
                server = S3ProxyProcess.start(S3ProxyJar.locate(), ACCESS_KEY, SECRET_KEY);
            } catch (RuntimeException e) {
                startFailure = e;
            }
        }
        if (startFailure != null) {
            throw new IllegalStateException("The shared S3 server could not be started", startFailure);
        }
        return server;
    }

    /** Base URL such as {@code http://127.0.0.1:41234}; starts the server if it is not running yet. */
    public static String endpoint() {
        return server().endpoint().toString();
    }

    public static String accessKey() {
        return ACCESS_KEY;
    }

    public static String secretKey() {
        return SECRET_KEY;
    }

    public static String region() {
        return REGION;
    }

    /** Creates the bucket unless it already exists; starts the server if it is not running yet. */
    public static void createBucket(String bucket) {
        URI bucketUri = URI.create(endpoint() + "/" + bucket);
        // Signature V2 keeps this module free of an AWS SDK: one HMAC over the method, date and resource.
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String stringToSign = "PUT\n\n\n\nx-amz-date:" + date + "\n/" + bucket;
        HttpRequest request = HttpRequest.newBuilder(bucketUri)
                .header("x-amz-date", date)
                .header("Authorization", "AWS " + ACCESS_KEY + ":" + hmacSha1Base64(stringToSign))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = send(request);
        boolean alreadyOurs = response.statusCode() == 409 && response.body().contains("BucketAlreadyOwnedByYou");
        if (response.statusCode() != 200 && !alreadyOurs) {
            throw new IllegalStateException("Creating bucket " + bucket + " failed with HTTP " + response.statusCode()
                    + ": " + response.body());
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("S3 request " + request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during S3 request " + request, e);
        }
    }

    private static String hmacSha1Base64(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
