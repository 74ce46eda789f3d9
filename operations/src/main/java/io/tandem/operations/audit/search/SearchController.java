package io.tandem.operations.audit.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.paging.Cursor;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.export.AuditExports;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.index.EventSearch;
import io.tandem.operations.audit.index.IndexedEvent;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.view.EventViews;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Audit: event search", description = "Every stored event, searched through the event index, followed "
                                                 + "live, exported")
class SearchController {

    private static final int EXPORT_PAGE = 500;

    private final EventIndex index;
    private final EventTail tail;
    private final StoredEvents events;
    private final EventViews views;
    private final AuditExports exports;

    SearchController(EventIndex index, EventTail tail, StoredEvents events, EventViews views, AuditExports exports) {
        this.index = index;
        this.tail = tail;
        this.events = events;
        this.views = views;
        this.exports = exports;
    }

    @GetMapping("/api/admin/audit/events")
    @Operation(summary = "Events by type, time range (from, to), global range (from_position, to_position), aggregate "
                         + "type or id, user and correlation id; newest first, a page at a time (cursor)")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "invalid_timestamp, invalid_cursor, invalid_range, invalid_limit")
    SearchPage search(@RequestParam Map<String, String> parameters,
                      @RequestParam(name = "cursor", required = false) String cursor,
                      @RequestParam(name = "limit", required = false) Integer limit) {
        int size = AuditRequests.limit(limit);
        Long before = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, 1).number(0);
        List<IndexedEvent> found = index.search(SearchParameters.of(parameters), before, size + 1);
        boolean more = found.size() > size;
        List<IndexedEvent> page = more ? found.subList(0, size) : found;
        return new SearchPage(page, more ? Cursor.of(page.get(size - 1).globalPosition()).encode() : null);
    }

    @GetMapping(path = "/api/admin/audit/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The search live: an audit-event per new matching event (id = global position); resume "
                         + "with Last-Event-ID")
    @ApiResponse(responseCode = "200", description = "An event stream (text/event-stream)")
    @ApiResponse(responseCode = "400", description = "invalid_last_event_id, and the search's own")
    SseEmitter stream(@RequestParam Map<String, String> parameters,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        EventSearch search = SearchParameters.of(parameters);
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                throw AuditRequests.invalid("invalid_last_event_id", "Last-Event-ID must be a global position.");
            }
        }
        return tail.open(search, after);
    }

    @GetMapping("/api/admin/audit/events/export")
    @Operation(summary = "The search's events, oldest first, with payloads, as NDJSON or CSV, streamed and masked "
                         + "by role")
    @ApiResponse(responseCode = "200", description = "The export, streamed (NDJSON or CSV)")
    @ApiResponse(responseCode = "400", description = "export_too_large (names the limit), invalid_format")
    ResponseEntity<StreamingResponseBody> export(@RequestParam Map<String, String> parameters,
                                                 @RequestParam(name = "format", required = false) String format) {
        EventSearch search = SearchParameters.of(parameters);
        long count = index.count(search, exports.maxEvents() + 1);
        AuditViewer viewer = AuditViewer.current();
        return exports.export(format, "events", count, sink -> index.forEach(search, EXPORT_PAGE, page -> sink.write(
                events.at(page.stream().map(IndexedEvent::globalPosition).toList()).stream()
                      .map(event -> views.view(event, viewer)).toList())));
    }

    /** @param nextCursor where the next (older) page starts; null on the last page */
    record SearchPage(List<IndexedEvent> items, String nextCursor) {
    }
}
