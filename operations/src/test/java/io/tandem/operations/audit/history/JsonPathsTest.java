package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.operations.audit.history.JsonPaths.Change;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aStateFlattensToPathsAndTwoStatesDifferFieldByField() throws Exception {
        Map<String, JsonNode> before = JsonPaths.flatten(json("""
                {"status":"PENDING_PAYMENT","seats":[{"cabin":"ECONOMY"}],"receiptId":null,"tags":[]}"""));
        Map<String, JsonNode> after = JsonPaths.flatten(json("""
                {"status":"CONFIRMED","seats":[{"cabin":"ECONOMY"},{"cabin":"BUSINESS"}],"receiptId":"r-1",
                 "tags":[]}"""));
        assertThat(before.keySet()).containsExactly("receiptId", "seats[0].cabin", "status", "tags");

        List<Change> changes = JsonPaths.diff(before, after);
        assertThat(changes).extracting(Change::path).containsExactly("receiptId", "seats[1].cabin", "status");
        assertThat(changes.get(1).from().isNull()).isTrue();
        assertThat(changes.get(2).to().asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void aFieldIsFollowedWithEverythingUnderItButNotItsNamesakes() throws Exception {
        Map<String, JsonNode> flat = JsonPaths.flatten(json("""
                {"seats":[{"cabin":"A"}],"seatsLeft":3,"status":"X"}"""));
        assertThat(JsonPaths.under(flat, "seats").keySet()).containsExactly("seats[0].cabin");
        assertThat(JsonPaths.under(flat, "status").keySet()).containsExactly("status");
        assertThat(JsonPaths.under(flat, "nothing")).isEmpty();
    }
}
