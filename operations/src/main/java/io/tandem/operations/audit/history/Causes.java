package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.operations.audit.history.HistoryViews.Cause;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.index.IndexedEvent;
import io.tandem.platform.axon.AuditMetadata;

/**
 * Reads what made an event from its metadata: the command that applied it ({@code causation_type}) and what sent
 * that command ({@code command_causation_*}), resolving a causing event through the event index.
 */
class Causes {

    private final EventIndex index;

    Causes(EventIndex index) {
        this.index = index;
    }

    Cause of(JsonNode metadata) {
        String[] causation = split(text(metadata, AuditMetadata.CAUSATION_TYPE));
        if (causation == null) {
            return new Cause("unknown", null, null, null);
        }
        if (!"command".equals(causation[0])) {
            return cause(causation, text(metadata, AuditMetadata.CAUSATION_ID), null);
        }
        String[] commandCause = split(text(metadata, AuditMetadata.COMMAND_CAUSATION_TYPE));
        if (commandCause == null) {
            return new Cause("request", causation[1], null, null);
        }
        return cause(commandCause, text(metadata, AuditMetadata.COMMAND_CAUSATION_ID), causation[1]);
    }

    private Cause cause(String[] type, String causeId, String command) {
        return switch (type[0]) {
            case "event" -> new Cause("event", command, type[1], causeId == null ? null : event(causeId));
            case "deadline" -> new Cause("deadline", command, type[1], null);
            default -> new Cause(type[0], command, type[1], null);
        };
    }

    private IndexedEvent event(String eventId) {
        return index.byEventId(eventId).orElse(null);
    }

    /** {@code "event PaymentRecordedEvent"} → {@code ["event", "PaymentRecordedEvent"]}. */
    private static String[] split(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        int space = type.indexOf(' ');
        return space < 0 ? new String[]{type, null} : new String[]{type.substring(0, space), type.substring(space + 1)};
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
