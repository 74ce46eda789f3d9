package io.tandem.operations.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.api.paging.PageRequest;
import io.tandem.operations.deadletter.DeadLetterViews.ActionResult;
import io.tandem.operations.deadletter.DeadLetterViews.BulkResult;
import io.tandem.operations.deadletter.DeadLetterViews.Page;
import io.tandem.operations.deadletter.DeadLetterViews.SequenceDetail;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Operations: dead letters", description = "Parked events of every processor and saga, grouped by "
        + "failure; retry or evict a sequence or a letter, or many by filter with a dry run, a rate cap and a maximum")
class DeadLetterController {

    private static final int DEFAULT_MAX = 100;
    private static final double DEFAULT_RATE = 5;

    private final DeadLetters deadLetters;
    private final BulkActions bulk;

    DeadLetterController(DeadLetters deadLetters, BulkActions bulk) {
        this.deadLetters = deadLetters;
        this.bulk = bulk;
    }

    /** @param reason why, for the operator log */
    record ActionRequest(@Size(max = 1000) String reason) {
    }

    /**
     * A bulk action: the filter (a processor is required), how many sequences at most, how fast, and for a real run
     * the reason and the processor's name typed as confirmation.
     */
    record BulkRequest(String processor, String eventType, String exceptionType, String fingerprint, String from,
                       String to, String aggregateId, Integer max, Double ratePerSecond, Boolean dryRun,
                       @Size(max = 1000) String reason, String confirm) {

        DeadLetterFilter filter() {
            if (processor == null || processor.isBlank()) {
                throw new RejectedException(Rejection.invalid("processor_required",
                                                              "A bulk action names the processor it acts on."));
            }
            return DeadLetterFilter.of(processor, eventType, exceptionType, fingerprint, from, to, aggregateId);
        }

        boolean dry() {
            return Boolean.TRUE.equals(dryRun);
        }

        /** A real run needs a reason and the processor's name typed as confirmation. */
        String confirmedReason() {
            String why = DeadLetterController.reason(reason);
            if (!processor.strip().equals(confirm == null ? null : confirm.strip())) {
                throw new RejectedException(Rejection.invalid("confirmation_required", "Type the processor's name, "
                                                              + processor.strip() + ", to confirm."));
            }
            return why;
        }
    }

    @GetMapping("/api/admin/dead-letters")
    @Operation(summary = "Parked sequences newest first, each by the letter that failed (cause, enqueued at, last "
                         + "touched, retries, the event masked by role, its aggregate), with the groups by failure "
                         + "fingerprint of all that match; filtered by processor, event type, exception type, "
                         + "fingerprint, time parked [from, to) and aggregate; paged by cursor")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "invalid_time, invalid_time_range, invalid_cursor")
    Page list(@RequestParam(name = "processor", required = false) String processor,
              @RequestParam(name = "event_type", required = false) String eventType,
              @RequestParam(name = "exception_type", required = false) String exceptionType,
              @RequestParam(name = "fingerprint", required = false) String fingerprint,
              @RequestParam(name = "from", required = false) String from,
              @RequestParam(name = "to", required = false) String to,
              @RequestParam(name = "aggregate_id", required = false) String aggregateId,
              @RequestParam(name = "cursor", required = false) String cursor,
              @RequestParam(name = "size", required = false) Integer size) {
        return deadLetters.page(DeadLetterFilter.of(processor, eventType, exceptionType, fingerprint, from, to,
                                                    aggregateId), PageRequest.cursorOnly(cursor, size));
    }

    @GetMapping("/api/admin/dead-letters/{processor}/sequences/{sequence}")
    @Operation(summary = "A parked sequence with every letter and its event")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "dead_letter_not_found")
    SequenceDetail sequence(@PathVariable("processor") String processor, @PathVariable("sequence") String sequence) {
        return deadLetters.sequence(processor, sequence);
    }

    @PostMapping("/api/admin/dead-letters/{processor}/sequences/{sequence}/retry")
    @Operation(summary = "Retry a sequence now: succeeded, failed (it stays parked, with the new error) or scheduled "
                         + "(a node running the processor retries it within its retry poll)")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "reason_required")
    @ApiResponse(responseCode = "404", description = "dead_letter_not_found")
    @ApiResponse(responseCode = "409", description = "sequence_being_retried")
    ActionResult retry(@PathVariable("processor") String processor, @PathVariable("sequence") String sequence,
                       @Valid @RequestBody ActionRequest request) {
        return deadLetters.retry(processor, sequence, reason(request.reason()));
    }

    @PostMapping("/api/admin/dead-letters/{processor}/sequences/{sequence}/evict")
    @Operation(summary = "Evict a whole sequence: its events are never handled (administrators only)")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "reason_required")
    @ApiResponse(responseCode = "404", description = "dead_letter_not_found")
    @ApiResponse(responseCode = "409", description = "sequence_being_retried")
    ActionResult evictSequence(@PathVariable("processor") String processor, @PathVariable("sequence") String sequence,
                               @Valid @RequestBody ActionRequest request) {
        return deadLetters.evictSequence(processor, sequence, reason(request.reason()));
    }

    @PostMapping("/api/admin/dead-letters/{processor}/letters/{letter}/evict")
    @Operation(summary = "Evict one letter; the next of its sequence is retried in its place (administrators only)")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "reason_required")
    @ApiResponse(responseCode = "404", description = "dead_letter_not_found")
    @ApiResponse(responseCode = "409", description = "sequence_being_retried")
    ActionResult evictLetter(@PathVariable("processor") String processor, @PathVariable("letter") String letter,
                             @Valid @RequestBody ActionRequest request) {
        return deadLetters.evictLetter(processor, letter, reason(request.reason()));
    }

    @PostMapping("/api/admin/dead-letters/bulk-retry")
    @Operation(summary = "Retry the matching sequences, oldest first, at most max (default 100, up to 500) at "
                         + "rate_per_second at most (default 5, up to 50); dry_run answers how many it would take")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "processor_required, reason_required, confirmation_required, "
                                                     + "invalid_max, invalid_rate, bulk_too_slow, invalid_time")
    BulkResult bulkRetry(@Valid @RequestBody BulkRequest request) {
        DeadLetterFilter filter = request.filter();
        int max = request.max() == null ? DEFAULT_MAX : request.max();
        double rate = request.ratePerSecond() == null ? DEFAULT_RATE : request.ratePerSecond();
        String reason = request.dry() ? null : request.confirmedReason();
        return bulk.retry(filter, max, rate, request.dry(), reason);
    }

    @PostMapping("/api/admin/dead-letters/bulk-evict")
    @Operation(summary = "Evict the matching sequences, oldest first, at most max; dry_run answers how many it "
                         + "would take (administrators only)")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "processor_required, reason_required, confirmation_required, "
                                                     + "invalid_max, invalid_time")
    BulkResult bulkEvict(@Valid @RequestBody BulkRequest request) {
        DeadLetterFilter filter = request.filter();
        int max = request.max() == null ? DEFAULT_MAX : request.max();
        String reason = request.dry() ? null : request.confirmedReason();
        return bulk.evict(filter, max, request.dry(), reason);
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RejectedException(Rejection.invalid("reason_required", "Say why: every action needs a reason."));
        }
        return reason.strip();
    }
}
