package io.tandem.operations.audit.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.platform.axon.AuditMetadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns stored events into what the audit API shows, masking personal data for the viewer. */
public class EventViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PersonalDataView personalData;

    public EventViews(PersonalDataView personalData) {
        this.personalData = personalData;
    }

    public EventView view(StoredEvent event, AuditViewer viewer) {
        return new EventView(event.globalPosition(), event.aggregateType(), event.aggregateId(),
                             event.sequenceNumber(), event.eventId(), event.timestamp(), event.eventType(),
                             event.payloadType(), event.payloadRevision(), payload(event, viewer),
                             metadata(event, viewer));
    }

    public JsonNode payload(StoredEvent event, AuditViewer viewer) {
        JsonNode payload = parse(event.payload());
        if (payload instanceof ObjectNode object) {
            personalData.apply(object, event.payloadType(), viewer);
        }
        return payload;
    }

    public JsonNode metadata(StoredEvent event, AuditViewer viewer) {
        JsonNode metadata = parse(event.metadata());
        if (metadata instanceof ObjectNode object) {
            JsonNode user = object.get(AuditMetadata.USER_ID);
            personalData.apply(object, user == null || user.isNull() ? null : user.asText(),
                               AuditMetadata.PERSONAL_KEYS, viewer);
        }
        return metadata;
    }

    /** Stored JSON as a tree; anything else (another serializer's format) as its text. */
    static JsonNode parse(byte[] stored) {
        if (stored == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(stored);
        } catch (IOException e) {
            return TextNode.valueOf(new String(stored, StandardCharsets.UTF_8));
        }
    }
}
