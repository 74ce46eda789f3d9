package io.tandem.operations.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tandem.api.personaldata.PersonalData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A dead letter's event as operators see it: read with the event serializer (which decrypts personal data) and
 * written as the API writes JSON. Administrators and operators see it whole; an auditor sees every
 * {@code @PersonalData} value replaced, as the console's access rules want. An event that cannot be read shows as
 * stored, with encrypted values replaced for everyone.
 */
class EventPayloads {

    static final String MASK = "[personal data]";
    private static final String ENCRYPTED = "pd:v1:";
    private static final Set<String> FULL_ACCESS = Set.of("ROLE_ADMIN", "ROLE_OPERATOR");

    /** @param payload the JSON, and whether personal data in it was replaced */
    record Shown(JsonNode payload, boolean masked) {
    }

    private final Serializer eventSerializer;
    private final ObjectMapper json;
    private final UnaryOperator<String> jsonNames;

    EventPayloads(Serializer eventSerializer, ObjectMapper json) {
        this.eventSerializer = eventSerializer;
        this.json = json;
        this.jsonNames = json.getPropertyNamingStrategy() instanceof PropertyNamingStrategies.NamingBase naming
                ? naming::translate : UnaryOperator.identity();
    }

    /** Whether the signed-in account sees personal data: administrators and operators do, auditors do not. */
    static boolean seesPersonalData() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                                                       .anyMatch(a -> FULL_ACCESS.contains(a.getAuthority()));
    }

    Shown show(String payloadType, String revision, byte[] payload, boolean personalData) {
        Class<?> type = type(payloadType);
        try {
            Object event = eventSerializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                                                                                    payloadType, revision));
            JsonNode tree = json.valueToTree(event);
            return personalData ? new Shown(tree, false) : new Shown(mask(tree, type, jsonNames), true);
        } catch (RuntimeException unreadable) {
            try {
                JsonNode stored = json.readTree(payload);
                maskEncrypted(stored);
                return new Shown(personalData ? stored : mask(stored, type, UnaryOperator.identity()), true);
            } catch (IOException e) {
                return new Shown(TextNode.valueOf("(" + payload.length + " bytes that are not JSON)"), true);
            }
        }
    }

    /** Replaces the values of the type's personal fields (and of its records' and lists of records') in the tree. */
    private static JsonNode mask(JsonNode tree, Class<?> type, UnaryOperator<String> naming) {
        maskEncrypted(tree);
        if (type == null || !type.isRecord() || !(tree instanceof ObjectNode object)) {
            return tree;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = naming.apply(component.getName());
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                object.put(name, MASK);
            } else if (value instanceof ArrayNode array && elementType(component.getGenericType()) != null) {
                array.forEach(element -> mask(element, elementType(component.getGenericType()), naming));
            } else {
                mask(value, component.getType(), naming);
            }
        }
        return tree;
    }

    private static void maskEncrypted(JsonNode tree) {
        if (tree instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = object.get(name);
                if (value.isTextual() && value.asText().startsWith(ENCRYPTED)) {
                    object.put(name, MASK);
                } else {
                    maskEncrypted(value);
                }
            }
        } else if (tree instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && array.get(i).asText().startsWith(ENCRYPTED)) {
                    array.set(i, TextNode.valueOf(MASK));
                } else {
                    maskEncrypted(array.get(i));
                }
            }
        }
    }

    private static Class<?> elementType(Type type) {
        return type instanceof ParameterizedType generic && generic.getActualTypeArguments().length == 1
               && generic.getActualTypeArguments()[0] instanceof Class<?> element ? element : null;
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name, false, EventPayloads.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
