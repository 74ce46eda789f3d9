package io.tandem.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;

import static io.tandem.benchmarks.HttpApi.send;
import static io.tandem.benchmarks.Report.percentile;

/** Timed HTTP requests from several client threads: each request's latency and the run's throughput. */
final class HttpTimings {

    private HttpTimings() {
    }

    /** A GET, or a POST of {@code json} when it is not null. */
    static HttpRequest request(String url, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            return builder.GET().build();
        }
        return builder.header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    record Result(String name, int count, long[] nanos, long wallNanos) {

        long p50() {
            return percentile(nanos, 0.5);
        }

        long p99() {
            return percentile(nanos, 0.99);
        }

        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    /** Sends {@code total} requests from {@code clients} threads, each thread with its own connection. */
    static Result measure(String name, int clients, int total, IntFunction<HttpRequest> requestNumber) {
        long[] nanos = new long[total];
        long wall = Parallel.run(name, clients, total, client -> HttpApi.newClient(), (http, i) -> {
            HttpRequest request = requestNumber.apply(i);
            long sent = System.nanoTime();
            HttpResponse<String> response = send(http, request);
            nanos[i] = System.nanoTime() - sent;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                                                + response.body());
            }
        });
        Arrays.sort(nanos);
        return new Result(name, total, nanos, wall);
    }
}
