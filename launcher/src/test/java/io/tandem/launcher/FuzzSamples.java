package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A well-formed value for a JSON schema of an OpenAPI document, so that a fuzzed request differs from an acceptable
 * one in exactly the place the fuzzer chose.
 */
final class FuzzSamples {

    /** Values tried, in order, against a string schema's {@code pattern}. */
    private static final List<String> PATTERN_CANDIDATES = List.of(
            "Passw0rd1", "ICN", "NRT", "12A", "1A", "TD2222222222", "KE123", "KE", "ABC123", "2027-03",
            "12\uAC003456", "01012345678", "KMHXX00XXXX000000", "A1B2C3D4", "abc", "user", "ADMIN", "USER",
            "PERCENT", "ECONOMY", "price_asc");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode document;
    private final Random random;
    /** How often each pattern was sampled: two parameters with one pattern (departure, arrival) get two values. */
    private final Map<String, Integer> patternUses = new java.util.HashMap<>();

    FuzzSamples(JsonNode document, Random random) {
        this.document = document;
        this.random = random;
    }

    JsonNode resolve(JsonNode schema) {
        return FuzzOperation.resolve(document, schema);
    }

    static String urlEncoded(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode sample(JsonNode schema) {
        return sample(schema, 0);
    }

    /** A well-formed text for a query or path parameter. */
    String text(JsonNode schema) {
        JsonNode value = sample(schema);
        return value.isTextual() ? value.asText() : value.toString();
    }

    private JsonNode sample(JsonNode raw, int depth) {
        JsonNode schema = FuzzOperation.resolve(document, raw);
        if (schema == null || schema.isMissingNode()) {
            return NODES.textNode("x");
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combined)) {
                return sample(schema.get(combined).get(0), depth);
            }
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        return switch (type(schema)) {
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "number" -> NODES.numberNode(Math.max(1.5, schema.path("minimum").asDouble(1.5)));
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> array(schema, depth);
            case "object" -> object(schema, depth);
            default -> NODES.textNode(string(schema));
        };
    }

    static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            if (schema.has("properties")) {
                return "object";
            }
            return schema.has("items") ? "array" : "string";
        }
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!one.asText().equals("null")) {
                    return one.asText();
                }
            }
        }
        return type.asText();
    }

    private ArrayNode array(JsonNode schema, int depth) {
        ArrayNode array = NODES.arrayNode();
        if (depth < 6) {
            int items = Math.max(1, Math.min(2, schema.path("minItems").asInt(1)));
            for (int i = 0; i < items; i++) {
                array.add(sample(schema.path("items"), depth + 1));
            }
        }
        return array;
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth >= 6) {
            return object;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            object.set(field.getKey(), sample(field.getValue(), depth + 1));
        }
        if (schema.path("additionalProperties").isObject()) {
            object.set("key", sample(schema.get("additionalProperties"), depth + 1));
        }
        return object;
    }

    private String string(JsonNode schema) {
        String format = schema.path("format").asText("");
        switch (format) {
            case "uuid":
                return new UUID(random.nextLong(), random.nextLong()).toString();
            case "date":
                return "2027-03-0" + (1 + random.nextInt(9));
            case "date-time":
                return "2027-03-01T10:00:00Z";
            case "email":
                return "fuzz-" + Integer.toHexString(random.nextInt()) + "@example.com";
            case "binary":
                return "x";
            default:
                break;
        }
        if (schema.has("pattern")) {
            Pattern pattern = Pattern.compile(schema.get("pattern").asText());
            List<String> matching = PATTERN_CANDIDATES.stream().filter(c -> pattern.matcher(c).matches()).toList();
            if (!matching.isEmpty()) {
                int use = patternUses.merge(pattern.pattern(), 1, Integer::sum) - 1;
                return matching.get(use % matching.size());
            }
        }
        int length = Math.max(4, schema.path("minLength").asInt(0));
        return "f".repeat(Math.min(length, schema.path("maxLength").asInt(Integer.MAX_VALUE)));
    }
}
