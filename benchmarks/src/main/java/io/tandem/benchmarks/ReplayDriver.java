package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static io.tandem.benchmarks.HttpApi.expect;
import static io.tandem.benchmarks.HttpApi.json;

/**
 * Drives one replay through the operations API as the console does: starts it, reads its status every second like
 * the page, notes the ETA shown {@code etaAt} seconds after it began replaying, and prints its progress (every 2 s
 * for the first 20 s, then every 10 s).
 */
final class ReplayDriver {

    /** One replay: how long it took by the server's clock, and the ETA it showed {@code etaAt} seconds in. */
    record Run(String config, long positions, double seconds, Double etaShown, double remainingThen) {

        double perSecond() {
            return positions / seconds;
        }

        double etaError() {
            return etaShown == null ? Double.NaN : (etaShown - remainingThen) / remainingThen;
        }
    }

    private final HttpApi api;
    private final HttpClient http;
    private final String token;
    private final String path;

    ReplayDriver(HttpApi api, HttpClient http, String token, String processor) {
        this.api = api;
        this.http = http;
        this.token = token;
        this.path = "/api/admin/processors/" + processor + "/replays";
    }

    Run replay(String config, String from, int etaAt) {
        var started = api.post(http, path, token, Map.of("from", from, "reason", "benchmark " + config));
        expect(started, 202);
        String id = json(started).get("replay_id").asText();
        Instant replaying = null;
        Double etaShown = null;
        Instant etaTakenAt = null;
        long printed = -10;
        while (true) {
            JsonNode status = json(api.get(http, path + "/" + id, token));
            String state = status.get("state").asText();
            if (state.equals("FAILED")) {
                throw new IllegalStateException("replay failed: " + status);
            }
            if (state.equals("DONE")) {
                return done(config, status, etaShown, etaTakenAt);
            }
            if (state.equals("REPLAYING") && replaying == null) {
                replaying = Instant.parse(status.get("replaying_since").asText());
            }
            if (replaying != null) {
                long elapsed = Duration.between(replaying, Instant.now()).toSeconds();
                JsonNode progress = status.path("progress");
                if (etaTakenAt == null && elapsed >= etaAt) {
                    etaShown = progress.path("eta_seconds").isNumber() ? progress.get("eta_seconds").asDouble() : null;
                    etaTakenAt = Instant.now();
                }
                if (elapsed >= printed + (elapsed < 20 ? 2 : 10)) {
                    printed = elapsed;
                    System.out.printf(Locale.ROOT, "  %s at %3d s: %5.1f %%, %s events/s, ETA %s s%n", config,
                                      elapsed, progress.path("percent").asDouble(),
                                      progress.path("events_per_second").asText("-"),
                                      progress.path("eta_seconds").asText("-"));
                }
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
    }

    private static Run done(String config, JsonNode status, Double etaShown, Instant etaTakenAt) {
        Instant since = Instant.parse(status.get("replaying_since").asText());
        Instant finished = Instant.parse(status.get("finished_at").asText());
        double seconds = Duration.between(since, finished).toMillis() / 1000.0;
        double remaining = etaTakenAt == null ? Double.NaN : Duration.between(etaTakenAt, finished).toMillis() / 1000.0;
        long positions = status.get("replayed_positions").asLong();
        System.out.printf(Locale.ROOT, "%s: %,d positions in %.1f s%n", config, positions, seconds);
        return new Run(config, positions, seconds, etaShown, remaining);
    }
}
