package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** One operation of an OpenAPI document, with its parameters and request body schema resolved. */
record FuzzOperation(String method, String path, List<Parameter> parameters, String bodyType, JsonNode bodySchema) {

    /** {@code example} is the documented example value, or null. */
    record Parameter(String name, String in, boolean required, JsonNode schema, String example) {
    }

    /** Every operation of the document, in a fixed order; those that erase the caller's own data come last. */
    static List<FuzzOperation> all(JsonNode document) {
        List<FuzzOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                operations.add(of(document, op.getKey().toUpperCase(), path.getKey(), op.getValue()));
            }
        }
        operations.sort(Comparator.comparing(FuzzOperation::destructive)
                                  .thenComparing(FuzzOperation::path).thenComparing(FuzzOperation::method));
        return operations;
    }

    private static FuzzOperation of(JsonNode document, String method, String path, JsonNode operation) {
        List<Parameter> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> parameters.add(new Parameter(
                parameter.path("name").asText(), parameter.path("in").asText(),
                parameter.path("required").asBoolean() || parameter.path("in").asText().equals("path"),
                resolve(document, parameter.path("schema")),
                parameter.hasNonNull("example") ? parameter.get("example").asText() : null)));
        String bodyType = null;
        JsonNode bodySchema = null;
        Iterator<Map.Entry<String, JsonNode>> content = operation.path("requestBody").path("content").fields();
        if (content.hasNext()) {
            Map.Entry<String, JsonNode> first = content.next();
            bodyType = first.getKey();
            bodySchema = first.getValue().path("schema");
        }
        return new FuzzOperation(method, path, parameters, bodyType, bodySchema);
    }

    /** Follows {@code $ref}s to the schema they name. */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved != null && resolved.has("$ref")) {
            String ref = resolved.get("$ref").asText();
            resolved = document.at(ref.substring(1));
        }
        return resolved;
    }

    boolean admin() {
        return path.startsWith("/api/admin/");
    }

    /** Erasing or un-coupling the fuzzing user would leave the operations after it nothing to reach. */
    boolean destructive() {
        return method.equals("DELETE") && (path.equals("/api/user") || path.equals("/api/couple"));
    }

    boolean multipart() {
        return "multipart/form-data".equals(bodyType);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
