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

/** Projection rebuilds over the operations API, as the tests drive them. */
final class RebuildRequests {

    static final Duration PATIENCE = Duration.ofSeconds(120);

    private RebuildRequests() {
    }

    static String path(String projection) {
        return "/api/admin/projections/" + projection + "/rebuilds";
    }

    static ApiResponse request(ApiClient as, String projection, String reason, boolean verifyOnly) {
        return request(as, projection, reason, verifyOnly, false);
    }

    static ApiResponse request(ApiClient as, String projection, String reason, boolean verifyOnly,
                               boolean autoSwitch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("verify_only", verifyOnly);
        body.put("auto_switch", autoSwitch);
        return as.post(path(projection), json(body));
    }

    /** Starts a rebuild and answers its id; fails unless it is accepted. */
    static String start(ApiClient as, String projection, String reason, boolean verifyOnly) {
        ApiResponse started = request(as, projection, reason, verifyOnly);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.json().get("rebuild_id").asText();
    }

    static ApiResponse act(ApiClient as, String projection, String rebuildId, String action, String reason,
                           String confirm) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        if (confirm != null) {
            body.put("confirm", confirm);
        }
        return as.post(path(projection) + "/" + rebuildId + "/" + action, json(body));
    }

    static JsonNode status(ApiClient as, String projection, String rebuildId) {
        ApiResponse status = as.get(path(projection) + "/" + rebuildId);
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        return status.json();
    }

    /** Waits until the rebuild is in the state and answers its status then; fails if it failed. */
    static JsonNode awaitState(ApiClient as, String projection, String rebuildId, String state) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode status = status(as, projection, rebuildId);
            assertThat(status.get("state").asText()).as(status.toString()).isNotEqualTo("FAILED");
            assertThat(status.get("state").asText()).as(status.toString()).isEqualTo(state);
        });
        return status(as, projection, rebuildId);
    }
}
