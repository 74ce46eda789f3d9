package io.tandem.operations.audit.trace;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.export.AuditExports;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.index.EventIndex.RequestSummary;
import io.tandem.operations.audit.index.EventSearch;
import io.tandem.operations.audit.index.IndexedEvent;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.view.EventViews;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

@RestController
@Tag(name = "Audit: traces", description = "Everything one request caused, across aggregates, sagas, deadlines and "
                                           + "dead letters")
class TraceController {

    private static final int EXPORT_PAGE = 500;

    private final Tracer tracer;
    private final EventIndex index;
    private final StoredEvents events;
    private final EventViews views;
    private final AuditExports exports;

    TraceController(Tracer tracer, EventIndex index, StoredEvents events, EventViews views, AuditExports exports) {
        this.tracer = tracer;
        this.index = index;
        this.events = events;
        this.views = views;
        this.exports = exports;
    }

    @GetMapping("/api/admin/audit/traces/{id}")
    @Operation(summary = "The tree of one request, by its correlation id or the id of one of its events: commands, "
                         + "events, sagas, deadlines and dead letters with timestamps, and the later requests on "
                         + "what it created")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "trace_not_found")
    Trace trace(@PathVariable("id") String id) {
        return tracer.trace(id, AuditViewer.current());
    }

    @GetMapping("/api/admin/audit/traces")
    @Operation(summary = "A user's most recent requests (newest first), each a trace to open")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "invalid_request: no user_id")
    List<RequestSummary> ofUser(@RequestParam(name = "user_id", required = false) String userId,
                                @RequestParam(name = "limit", required = false) Integer limit) {
        if (userId == null || userId.isBlank()) {
            throw AuditRequests.invalid("invalid_request", "Name the user: user_id.");
        }
        return index.requestsOf(userId.strip(), AuditRequests.limit(limit));
    }

    @GetMapping("/api/admin/audit/traces/{id}/export")
    @Operation(summary = "The request's events (by correlation id) as NDJSON or CSV, streamed and masked by role")
    @ApiResponse(responseCode = "200", description = "The export, streamed (NDJSON or CSV)")
    @ApiResponse(responseCode = "400", description = "export_too_large (names the limit), invalid_format")
    @ApiResponse(responseCode = "404", description = "trace_not_found")
    ResponseEntity<StreamingResponseBody> export(@PathVariable("id") String id,
                                                 @RequestParam(name = "format", required = false) String format) {
        EventSearch search = new EventSearch(null, null, null, null, id, null, null, null, null);
        long count = index.count(search, exports.maxEvents() + 1);
        if (count == 0) {
            throw AuditRequests.notFound("trace_not_found", "No request with this correlation id.");
        }
        AuditViewer viewer = AuditViewer.current();
        return exports.export(format, "trace-" + id.replaceAll("[^A-Za-z0-9_-]", "_"), count,
                              sink -> index.forEach(search, EXPORT_PAGE, page -> sink.write(
                                      events.at(page.stream().map(IndexedEvent::globalPosition).toList()).stream()
                                            .map(event -> views.view(event, viewer)).toList())));
    }
}
