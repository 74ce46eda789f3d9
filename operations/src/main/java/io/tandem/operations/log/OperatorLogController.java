package io.tandem.operations.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.paging.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

@RestController
@Tag(name = "Operations: operator log", description = "Every action operators took: who, when, from where, with "
                                                      + "which parameters, why, how it ended and how long it took")
class OperatorLogController {

    static final String NDJSON = "application/x-ndjson";

    private final OperatorLogReader reader;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;

    OperatorLogController(OperatorLogReader reader, TransactionTemplate readOnly, ObjectMapper json) {
        this.reader = reader;
        this.readOnly = readOnly;
        this.json = json;
    }

    @GetMapping("/api/admin/operations")
    @Operation(summary = "The operator log, newest first, filtered by action, target, actor, outcome and a time "
                         + "range [from, to) of when actions started; paged by cursor")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "invalid_time, invalid_time_range, invalid_outcome, "
                                                     + "invalid_cursor, invalid_paging")
    OperatorLogEntry.Page list(@RequestParam(name = "action", required = false) String action,
                               @RequestParam(name = "target", required = false) String target,
                               @RequestParam(name = "actor", required = false) String actor,
                               @RequestParam(name = "outcome", required = false) String outcome,
                               @RequestParam(name = "from", required = false) String from,
                               @RequestParam(name = "to", required = false) String to,
                               @RequestParam(name = "cursor", required = false) String cursor,
                               @RequestParam(name = "size", required = false) Integer size) {
        return reader.page(OperatorLogFilter.of(action, target, actor, outcome, from, to),
                           PageRequest.cursorOnly(cursor, size));
    }

    @GetMapping(path = "/api/admin/operations/export", produces = NDJSON)
    @Operation(summary = "The whole operator log (same filters) as newline-delimited JSON, streamed: one action "
                         + "per line, newest first")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(name = "action", required = false) String action,
                                                 @RequestParam(name = "target", required = false) String target,
                                                 @RequestParam(name = "actor", required = false) String actor,
                                                 @RequestParam(name = "outcome", required = false) String outcome,
                                                 @RequestParam(name = "from", required = false) String from,
                                                 @RequestParam(name = "to", required = false) String to) {
        OperatorLogFilter filter = OperatorLogFilter.of(action, target, actor, outcome, from, to);
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(tx -> reader.each(filter,
                                                                                            entry -> line(out, entry)));
        return ResponseEntity.ok()
                             .contentType(MediaType.parseMediaType(NDJSON))
                             .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=operator-log.ndjson")
                             .body(body);
    }

    private void line(OutputStream out, OperatorLogEntry entry) {
        try {
            out.write(json.writeValueAsBytes(entry));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
