package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tandem.launcher.FuzzOperation.Parameter;
import io.tandem.testsupport.TestImages;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Turns each operation of the API document into the malformed requests the fuzz test sends. */
final class FuzzRequests {

    record FuzzRequest(String what, FuzzOperation operation, String method, String target, String contentType,
                       byte[] body) {
    }

    private static final String MARKER = "\"fuzz-marker-7f3a\"";
    private static final int DRAWN_PER_FIELD = 2;

    private final FuzzSamples samples;
    private final Random random;
    private final List<FuzzRequest> requests = new ArrayList<>();

    private FuzzRequests(FuzzSamples samples, Random random) {
        this.samples = samples;
        this.random = random;
    }

    static List<FuzzRequest> of(JsonNode document, List<FuzzOperation> operations, long seed) {
        Random random = new Random(seed);
        FuzzRequests fuzz = new FuzzRequests(new FuzzSamples(document, random), random);
        operations.forEach(fuzz::add);
        return fuzz.requests;
    }

    private void add(FuzzOperation operation) {
        // optional parameters stay out unless documented with an example: page and cursor together are refused
        Map<String, String> valid = new LinkedHashMap<>();
        operation.parameters().stream().filter(p -> p.required() || p.example() != null)
                 .forEach(p -> valid.put(p.name(), p.example() != null ? p.example() : samples.text(p.schema())));
        for (Parameter parameter : operation.parameters()) {
            List<String> bad = switch (parameter.in()) {
                case "path" -> FuzzInputs.PATH_SEGMENTS;
                case "query" -> isNumeric(parameter.schema()) ? FuzzInputs.URL_NUMBERS : FuzzInputs.URL_TEXTS;
                default -> List.of();
            };
            for (String value : bad) {
                Map<String, String> values = new LinkedHashMap<>(valid);
                values.put(parameter.name(), value);
                send(operation, parameter.in() + " " + parameter.name() + "=" + value, target(operation, values,
                                                                                                 parameter.name()),
                     null, null);
            }
        }
        if (operation.parameters().stream().filter(p -> p.name().equals("page") || p.name().equals("size"))
                     .count() == 2) {
            for (String deep : List.of("2147483647", "21474837", "1001")) {
                Map<String, String> values = new LinkedHashMap<>(valid);
                values.put("page", deep);
                values.put("size", "100");
                send(operation, "paging page=" + deep + "&size=100", target(operation, values, null), null, null);
            }
        }
        String target = target(operation, valid, null);
        if (operation.multipart()) {
            multipart(operation, target);
        } else if (operation.bodySchema() != null) {
            body(operation, target);
        } else {
            send(operation, "as documented", target, null, null);
        }
        send(operation, "method TRACE", target, "TRACE", null, null);
        send(operation, "method PROPFIND", target, "PROPFIND", null, null);
    }

    private void body(FuzzOperation operation, String target) {
        JsonNode sample = bodySample(operation);
        String json = sample.toString();
        send(operation, "as documented", target, "application/json", json.getBytes(StandardCharsets.UTF_8));
        send(operation, "as xml", target, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8));
        send(operation, "unknown charset", target, "application/json; charset=bogus", json.getBytes(
                StandardCharsets.UTF_8));
        send(operation, "invalid utf-8", target, "application/json", new byte[]{'{', '"', (byte) 0xC3, '(', '"'});
        send(operation, "over 1 MB", target, "application/json",
             ("{\"padding\":\"" + "a".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        FuzzInputs.JSON_BODIES.forEach(body -> send(operation, "body " + RawHttp.abbreviated(body), target,
                                                    "application/json", body.getBytes(StandardCharsets.UTF_8)));
        List<String> pointers = new ArrayList<>();
        collect(sample, "", pointers);
        for (String pointer : pointers) {
            for (String literal : literalsFor(sample.at(pointer))) {
                String mutated = mutate(sample, pointer, literal);
                send(operation, "field " + pointer + " = " + RawHttp.abbreviated(literal), target,
                     "application/json", mutated.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** A body documented only as text (the payment webhook) is still JSON in practice: fuzz Bootpay's fields. */
    private JsonNode bodySample(FuzzOperation operation) {
        JsonNode schema = samples.resolve(operation.bodySchema());
        if (schema != null && "string".equals(FuzzSamples.type(schema))) {
            return ApiFuzzTest.JSON.createObjectNode().put("receipt_id", "r-fuzz").put("order_id", "TD2222222222")
                                   .put("webhook_type", "PAYMENT_COMPLETED").put("status", 1).put("price", 1000);
        }
        return samples.sample(operation.bodySchema());
    }

    private List<String> literalsFor(JsonNode node) {
        List<String> pool;
        List<String> always = List.of();
        if (node.isTextual()) {
            pool = FuzzInputs.JSON_STRINGS;
            always = FuzzInputs.JSON_STRINGS_ALWAYS;
        } else if (node.isNumber()) {
            pool = FuzzInputs.JSON_NUMBERS;
        } else if (node.isBoolean()) {
            pool = FuzzInputs.JSON_BOOLEANS;
        } else {
            pool = FuzzInputs.JSON_CONTAINERS;
        }
        List<String> chosen = new ArrayList<>(always);
        for (int i = 0; i < DRAWN_PER_FIELD; i++) {
            String drawn = pool.get(random.nextInt(pool.size()));
            if (!chosen.contains(drawn)) {
                chosen.add(drawn);
            }
        }
        return chosen;
    }

    private void multipart(FuzzOperation operation, String target) {
        String part = operation.bodySchema().path("properties").fieldNames().next();
        byte[] png = TestImages.png(8, 8);
        send(operation, "as documented", target, null, null);
        for (String fileName : FuzzInputs.FILE_NAMES) {
            sendMultipart(operation, "file name " + RawHttp.abbreviated(fileName), target, part, fileName, png);
        }
        sendMultipart(operation, "wrong part name", target, "not-" + part, "a.png", png);
        sendMultipart(operation, "empty file", target, part, "a.png", new byte[0]);
        sendMultipart(operation, "not an image", target, part, "a.png", "%PDF-1.4 fuzz".getBytes(
                StandardCharsets.UTF_8));
        send(operation, "no boundary", target, "multipart/form-data", "x".getBytes(StandardCharsets.UTF_8));
        send(operation, "truncated", target, "multipart/form-data; boundary=b",
             "--b\r\nContent-Disposition: form-data; name=\"".getBytes(StandardCharsets.UTF_8));
    }

    private void sendMultipart(FuzzOperation operation, String what, String target, String part, String fileName,
                               byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--fuzz\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                         + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n--fuzz--\r\n".getBytes(StandardCharsets.UTF_8));
        send(operation, what, target, "multipart/form-data; boundary=fuzz", body.toByteArray());
    }

    private static void collect(JsonNode node, String pointer, List<String> pointers) {
        if (!pointer.isEmpty()) {
            pointers.add(pointer);
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                collect(object.get(name), pointer + "/" + name, pointers);
            }
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            collect(array.get(0), pointer + "/0", pointers);
        }
    }

    private static String mutate(JsonNode sample, String pointer, String literal) {
        JsonNode copy = sample.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, TextNode.valueOf(MARKER.substring(1, MARKER.length() - 1)));
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), TextNode.valueOf(MARKER.substring(1, MARKER.length() - 1)));
        }
        return copy.toString().replace(MARKER, literal);
    }

    private static boolean isNumeric(JsonNode schema) {
        String type = schema == null ? "string" : FuzzSamples.type(schema);
        return type.equals("integer") || type.equals("number");
    }

    /** The request target with every value percent-encoded, except the one named {@code raw} (already encoded). */
    private static String target(FuzzOperation operation, Map<String, String> values, String raw) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : operation.parameters()) {
            String value = values.get(parameter.name());
            if (value == null) {
                continue;
            }
            String encoded = parameter.name().equals(raw) ? value : FuzzSamples.urlEncoded(value);
            if (parameter.in().equals("path")) {
                path = path.replace("{" + parameter.name() + "}", encoded.isEmpty() ? "x" : encoded);
            } else if (parameter.in().equals("query")) {
                query.append(query.isEmpty() ? "?" : "&").append(parameter.name()).append('=').append(encoded);
            }
        }
        return path + query;
    }

    private void send(FuzzOperation operation, String what, String target, String contentType, byte[] body) {
        send(operation, what, target, operation.method(), contentType, body);
    }

    private void send(FuzzOperation operation, String what, String target, String method, String contentType,
                      byte[] body) {
        requests.add(new FuzzRequest(what, operation, method, target, contentType, body));
    }
}
