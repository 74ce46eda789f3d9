package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A JSON state as a flat map of paths to values ({@code status}, {@code seats[2].cabin}), so two states compare
 * field by field and one field can be followed through a history. An empty object or array is a value of its own.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    static Map<String, JsonNode> flatten(JsonNode state) {
        Map<String, JsonNode> paths = new TreeMap<>();
        flatten("", state, paths);
        return paths;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> paths) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(field -> flatten(path.isEmpty() ? field.getKey()
                                                                           : path + "." + field.getKey(),
                                                            field.getValue(), paths));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int index = 0; index < node.size(); index++) {
                flatten(path + "[" + index + "]", node.get(index), paths);
            }
        } else {
            paths.put(path, node);
        }
    }

    /** The value at a path, or at all paths under it (a whole list or object), as a flat map; empty when absent. */
    static Map<String, JsonNode> under(Map<String, JsonNode> flat, String path) {
        Map<String, JsonNode> found = new TreeMap<>();
        flat.forEach((key, value) -> {
            if (key.equals(path) || key.startsWith(path + ".") || key.startsWith(path + "[")) {
                found.put(key, value);
            }
        });
        return found;
    }

    /** Every path whose value differs, in path order; a path present on one side only has null on the other. */
    static List<Change> diff(Map<String, JsonNode> from, Map<String, JsonNode> to) {
        TreeSet<String> paths = new TreeSet<>(from.keySet());
        paths.addAll(to.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            JsonNode before = from.getOrDefault(path, NullNode.getInstance());
            JsonNode after = to.getOrDefault(path, NullNode.getInstance());
            if (!Objects.equals(before, after)) {
                changes.add(new Change(path, before, after));
            }
        }
        return changes;
    }

    /** One field's change between two states. */
    record Change(String path, JsonNode from, JsonNode to) {
    }
}
