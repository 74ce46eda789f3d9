package io.tandem.operations.audit.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.view.EventView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Exports of a history, a trace or a search: NDJSON (one event per line, as the API shows it) or CSV, written as
 * they are read, a page at a time, so no export is held in memory. The size is checked before the first byte: an
 * export over {@code tandem.audit.export.max-events} is refused with a 400 that names the limit.
 */
public class AuditExports {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final ObjectMapper json;
    private final long maxEvents;

    public AuditExports(ObjectMapper json, long maxEvents) {
        this.json = json;
        this.maxEvents = maxEvents;
    }

    public long maxEvents() {
        return maxEvents;
    }

    /** Where the pages of an export go; each call writes one page. */
    public interface Sink {
        void write(List<EventView> events);
    }

    /** A producer writes the pages in order; it runs after the response has started, so it must not refuse. */
    public interface Producer {
        void produce(Sink sink);
    }

    /**
     * @param count at least the number of events the export would hold (counting may stop just past the limit)
     */
    public ResponseEntity<StreamingResponseBody> export(String format, String fileName, long count,
                                                        Producer producer) {
        boolean csv = format(format);
        if (count > maxEvents) {
            throw AuditRequests.invalid("export_too_large", "An export holds at most " + maxEvents
                    + " events (tandem.audit.export.max-events); this one has more. Narrow it down.");
        }
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            if (csv) {
                writer.write(CsvRows.HEADER);
            }
            producer.produce(events -> {
                try {
                    for (EventView event : events) {
                        writer.write(csv ? CsvRows.row(event, json) : json.writeValueAsString(event) + "\n");
                    }
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return ResponseEntity.ok()
                             .contentType(csv ? CSV : NDJSON)
                             .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName
                                                                     + (csv ? ".csv" : ".ndjson") + "\"")
                             .body(body);
    }

    private static boolean format(String format) {
        String chosen = format == null ? "ndjson" : format.strip().toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "ndjson" -> false;
            case "csv" -> true;
            default -> throw AuditRequests.invalid("invalid_format", "format must be ndjson or csv.");
        };
    }
}
