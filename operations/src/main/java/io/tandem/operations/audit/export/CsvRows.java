package io.tandem.operations.audit.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.operations.audit.view.EventView;

import java.io.UncheckedIOException;
import java.util.List;

/** One event per CSV row (RFC 4180), payload and metadata as JSON text; cells never start a spreadsheet formula. */
final class CsvRows {

    static final String HEADER = "global_position,timestamp,aggregate_type,aggregate_id,sequence_number,event_type,"
                                 + "event_id,user_id,correlation_id,causation_id,payload,metadata\r\n";

    private CsvRows() {
    }

    static String row(EventView event, ObjectMapper json) {
        List<String> cells = List.of(
                event.globalPosition() == null ? "" : event.globalPosition().toString(),
                String.valueOf(event.timestamp()), nullable(event.aggregateType()), nullable(event.aggregateId()),
                Long.toString(event.sequenceNumber()), event.eventType(), event.eventId(),
                text(event.metadata(), "user_id"), text(event.metadata(), "correlation_id"),
                text(event.metadata(), "causation_id"), write(event.payload(), json), write(event.metadata(), json));
        StringBuilder row = new StringBuilder();
        for (int index = 0; index < cells.size(); index++) {
            if (index > 0) {
                row.append(',');
            }
            row.append(cell(cells.get(index)));
        }
        return row.append("\r\n").toString();
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata == null ? null : metadata.get(key);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String write(JsonNode node, ObjectMapper json) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
