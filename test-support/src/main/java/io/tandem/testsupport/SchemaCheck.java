package io.tandem.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks one JSON value against an OpenAPI 3.1 schema of a document: types (with {@code null} only where the
 * schema allows it), formats, enums, required properties, and no property the schema does not name.
 */
final class SchemaCheck {

    private final JsonNode document;
    private final List<String> violations;
    private final String root;

    SchemaCheck(JsonNode document, List<String> violations, String root) {
        this.document = document;
        this.violations = violations;
        this.root = root;
    }

    void check(JsonNode value, JsonNode schema) {
        check(value, schema, root);
    }

    private void check(JsonNode value, JsonNode raw, String at) {
        JsonNode schema = resolve(raw);
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> check(value, part, at));
            return;
        }
        for (String any : List.of("oneOf", "anyOf")) {
            if (schema.has(any)) {
                checkAny(value, schema.get(any), at);
                return;
            }
        }
        List<String> types = types(schema);
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null") && !schema.path("nullable").asBoolean()) {
                violations.add(at + " is null, which the schema does not allow");
            }
            return;
        }
        if (types.isEmpty()) {
            return; // any value
        }
        String type = typeOf(value, types);
        if (type == null) {
            violations.add(at + " is " + value.getNodeType() + ", documented as " + types);
            return;
        }
        switch (type) {
            case "object" -> object(value, schema, at);
            case "array" -> items(value, schema, at);
            default -> scalar(value, schema, at);
        }
    }

    private void items(JsonNode value, JsonNode schema, String at) {
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]");
            }
        }
    }

    private void checkAny(JsonNode value, JsonNode alternatives, String at) {
        for (JsonNode alternative : alternatives) {
            List<String> found = new ArrayList<>();
            new SchemaCheck(document, found, at).check(value, alternative);
            if (found.isEmpty()) {
                return;
            }
        }
        violations.add(at + " matches none of its alternatives");
    }

    private void object(JsonNode value, JsonNode schema, String at) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldAt = at + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), fieldAt);
            } else if (additional.isObject()) {
                check(field.getValue(), additional, fieldAt);
            } else if (!properties.isMissingNode() || additional.isBoolean() && !additional.asBoolean()) {
                violations.add(fieldAt + " is not documented");
            }
        }
        schema.path("required").forEach(required -> {
            if (!value.has(required.asText()) && at.startsWith("request")) {
                violations.add(at + "." + required.asText() + " is required but absent");
            }
        });
    }

    private void scalar(JsonNode value, JsonNode schema, String at) {
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                violations.add(at + " = " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual() && !formatted(value.asText(), schema.path("format").asText(""))) {
            violations.add(at + " = " + value + " is not a " + schema.get("format").asText());
        }
    }

    private static boolean formatted(String text, String format) {
        try {
            switch (format) {
                case "uuid" -> UUID.fromString(text);
                case "date" -> LocalDate.parse(text);
                case "date-time" -> parseDateTime(text);
                case "time", "partial-time" -> LocalTime.parse(text);
                default -> {
                }
            }
            return true;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
    }

    private static void parseDateTime(String text) {
        try {
            Instant.parse(text);
        } catch (DateTimeParseException e) {
            LocalDateTime.parse(text);
        }
    }

    private static String typeOf(JsonNode value, List<String> types) {
        for (String type : types) {
            boolean fits = switch (type) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> false;
            };
            if (fits) {
                return type;
            }
        }
        return null;
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        List<String> types = new ArrayList<>();
        if (type == null) {
            if (schema.has("properties")) {
                types.add("object");
            }
        } else if (type.isArray()) {
            type.forEach(one -> types.add(one.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            resolved = document.at(resolved.get("$ref").asText().substring(1));
        }
        return resolved;
    }
}
