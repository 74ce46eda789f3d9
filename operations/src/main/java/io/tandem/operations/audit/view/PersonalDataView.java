package io.tandem.operations.audit.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.platform.personaldata.PersonalValues;
import io.tandem.platform.personaldata.PersonalValues.Opened;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows the personal values of a stored JSON object according to the viewer: revealed (decrypted) for
 * {@link AuditViewer#FULL}, {@value #MASKED} for {@link AuditViewer#MASKED}; {@value #ERASED} for both once the
 * person is erased, and {@value #UNREADABLE} for a sealed value that does not open (altered, or its key table is not
 * this one). A value is personal when its type marks it so, or when it is sealed ({@code pd:v1:...}) whatever the type.
 */
public class PersonalDataView {

    public static final String MASKED = "[masked]";
    public static final String ERASED = "[erased]";
    public static final String UNREADABLE = "[unreadable]";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERASED_CHECK_SECONDS = 5;

    private final PersonalValues values;
    private final ClassLoader loader;
    private final Map<String, PersonalFields> fieldsByType = new ConcurrentHashMap<>();
    /**
     * Whether a subject is erased, for plain values: a page of events asks about the same few people over and over,
     * and a person without a key row (no sealed data yet) costs a lookup every time otherwise. An erasure shows
     * within {@value #ERASED_CHECK_SECONDS} s.
     */
    private final Cache<String, Boolean> erased = Caffeine.newBuilder().maximumSize(10_000)
                                                          .expireAfterWrite(Duration.ofSeconds(ERASED_CHECK_SECONDS))
                                                          .build();

    public PersonalDataView(PersonalValues values, ClassLoader loader) {
        this.values = values;
        this.loader = loader;
    }

    /** Applies the viewer to the stored object of this type (its class name), in place. */
    public void apply(ObjectNode stored, String className, AuditViewer viewer) {
        PersonalFields fields = className == null ? PersonalFields.NONE
                : fieldsByType.computeIfAbsent(className, name -> PersonalFields.of(name, loader));
        JsonNode subject = fields.subject() == null ? null : stored.get(fields.subject());
        apply(stored, subject == null || subject.isNull() ? null : subject.asText(), fields.personal(), viewer);
    }

    /** Applies the viewer to these personal keys of an object whose subject is known (metadata: the user id). */
    public void apply(ObjectNode stored, String subjectId, Collection<String> personal, AuditViewer viewer) {
        List<String> names = new ArrayList<>();
        stored.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = stored.get(name);
            boolean sealed = value.isTextual() && PersonalValues.isSealed(value.textValue());
            if (value.isNull() || !sealed && !personal.contains(name)) {
                continue;
            }
            stored.set(name, sealed ? opened(subjectId, name, value.textValue(), viewer)
                                    : plain(subjectId, value, viewer));
        }
    }

    /** A personal value stored before its field was sealed: as forgotten as the sealed ones once erased. */
    private JsonNode plain(String subjectId, JsonNode value, AuditViewer viewer) {
        if (subjectId != null && erased.get(subjectId, values::isErased)) {
            return TextNode.valueOf(ERASED);
        }
        return viewer == AuditViewer.FULL ? value : TextNode.valueOf(MASKED);
    }

    private JsonNode opened(String subjectId, String field, String sealed, AuditViewer viewer) {
        Opened opened = values.open(subjectId, field, sealed);
        return switch (opened.outcome()) {
            case ERASED -> TextNode.valueOf(ERASED);
            case UNREADABLE -> TextNode.valueOf(UNREADABLE);
            case REVEALED -> viewer == AuditViewer.FULL ? parse(opened.json()) : TextNode.valueOf(MASKED);
        };
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(UNREADABLE);
        }
    }
}
