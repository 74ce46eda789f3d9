package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.ApiClient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Replays over the operations API, as the tests drive them. */
final class ReplayRequests {

    static final Duration PATIENCE = Duration.ofSeconds(120);

    private ReplayRequests() {
    }

    static String path(String processor) {
        return "/api/admin/processors/" + processor + "/replays";
    }

    static ApiResponse dryRun(ApiClient as, String processor, String from) {
        return as.post(path(processor), json(Map.of("from", from, "dry_run", true)));
    }

    static ApiResponse request(ApiClient as, String processor, String from, String reason, boolean force) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("reason", reason);
        body.put("force", force);
        return as.post(path(processor), json(body));
    }

    /** Starts a replay and answers its id; fails unless it is accepted. */
    static String start(ApiClient as, String processor, String from, String reason, boolean force) {
        ApiResponse started = request(as, processor, from, reason, force);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.json().get("replay_id").asText();
    }

    static JsonNode status(ApiClient as, String processor, String replayId) {
        ApiResponse status = as.get(path(processor) + "/" + replayId);
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        return status.json();
    }

    /** Waits until the replay is done and answers its last status; fails if it failed. */
    static JsonNode awaitDone(ApiClient as, String processor, String replayId) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode status = status(as, processor, replayId);
            assertThat(status.get("state").asText()).as(status.toString()).isNotEqualTo("FAILED");
            assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("DONE");
        });
        return status(as, processor, replayId);
    }
}
