package io.tandem.operations.audit.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.export.AuditExports;
import io.tandem.operations.audit.history.HistoryViews.Blame;
import io.tandem.operations.audit.history.HistoryViews.HistoryPage;
import io.tandem.operations.audit.history.HistoryViews.StateAt;
import io.tandem.operations.audit.history.HistoryViews.StateDiff;
import io.tandem.operations.audit.store.StoredEvent;
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
@Tag(name = "Audit: aggregates", description = "An aggregate's events with who, from where and why; its state at "
                                               + "any version or time, diffs and blame")
class HistoryController {

    private static final String BASE = "/api/admin/audit/aggregates/{aggregateId}";
    private static final int EXPORT_PAGE = 500;

    private final AggregateAudit audit;
    private final StoredEvents events;
    private final EventViews views;
    private final AuditExports exports;

    HistoryController(AggregateAudit audit, StoredEvents events, EventViews views, AuditExports exports) {
        this.audit = audit;
        this.events = events;
        this.views = views;
        this.exports = exports;
    }

    @GetMapping(BASE + "/events")
    @Operation(summary = "The aggregate's events in order, a page at a time: sequence number, global position, "
                         + "timestamp, type, payload and metadata (personal data masked for auditors)")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "aggregate_not_found")
    HistoryPage history(@PathVariable("aggregateId") String aggregateId,
                        @RequestParam(name = "from_sequence", defaultValue = "0") long fromSequence,
                        @RequestParam(name = "limit", required = false) Integer limit) {
        return audit.history(aggregateId, fromSequence, AuditRequests.limit(limit), AuditViewer.current());
    }

    @GetMapping(BASE + "/state")
    @Operation(summary = "The aggregate's state after the event with this sequence number (seq), or as it was at a "
                         + "time (at); the newest without either")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "aggregate_not_found, sequence_not_found, no_state_at_time")
    @ApiResponse(responseCode = "400", description = "invalid_timestamp, invalid_request (seq and at together)")
    StateAt state(@PathVariable("aggregateId") String aggregateId,
                  @RequestParam(name = "seq", required = false) Long sequence,
                  @RequestParam(name = "at", required = false) String at) {
        return audit.state(aggregateId, sequence, AuditRequests.instant("at", at), AuditViewer.current());
    }

    @GetMapping(BASE + "/diff")
    @Operation(summary = "Field by field, what changed between the states after two events (from defaults to the "
                         + "one before to; -1 is the state before the first event)")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "aggregate_not_found, sequence_not_found")
    StateDiff diff(@PathVariable("aggregateId") String aggregateId,
                   @RequestParam(name = "from", required = false) Long from, @RequestParam("to") long to) {
        return audit.diff(aggregateId, from, to, AuditViewer.current());
    }

    @GetMapping(BASE + "/blame")
    @Operation(summary = "Which event last set a field of the state (as of seq, else now), who sent it, and what made "
                         + "its command: the request, an event a saga reacted to, or a deadline")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "aggregate_not_found, sequence_not_found, field_not_found")
    Blame blame(@PathVariable("aggregateId") String aggregateId, @RequestParam("field") String field,
                @RequestParam(name = "seq", required = false) Long sequence) {
        return audit.blame(aggregateId, field.strip(), sequence, AuditViewer.current());
    }

    @GetMapping(BASE + "/events/export")
    @Operation(summary = "The whole history as NDJSON or CSV (format), streamed, masked like the history")
    @ApiResponse(responseCode = "200", description = "The export, streamed (NDJSON or CSV)")
    @ApiResponse(responseCode = "400", description = "export_too_large (names the limit), invalid_format")
    ResponseEntity<StreamingResponseBody> export(@PathVariable("aggregateId") String aggregateId,
                                                 @RequestParam(name = "format", required = false) String format) {
        if (events.aggregate(aggregateId, 0, 1).isEmpty()) {
            throw AuditRequests.aggregateNotFound(aggregateId);
        }
        long count = events.aggregate(aggregateId, exports.maxEvents(), 1).isEmpty() ? 0 : exports.maxEvents() + 1;
        AuditViewer viewer = AuditViewer.current();
        return exports.export(format, "history-" + aggregateId.replaceAll("[^A-Za-z0-9_-]", "_"), count, sink -> {
            long next = 0;
            while (true) {
                List<StoredEvent> page = events.aggregate(aggregateId, next, EXPORT_PAGE);
                sink.write(page.stream().map(event -> views.view(event, viewer)).toList());
                if (page.size() < EXPORT_PAGE) {
                    return;
                }
                next = page.get(page.size() - 1).sequenceNumber() + 1;
            }
        });
    }
}
