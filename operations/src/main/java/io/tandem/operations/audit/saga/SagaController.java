package io.tandem.operations.audit.saga;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.saga.PendingDeadlines.PendingDeadline;
import io.tandem.operations.audit.saga.SagaStore.SagaInstance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Audit: sagas and deadlines", description = "Live sagas by association value with their pending "
                                                        + "deadlines; an administrator may cancel or move one")
class SagaController {

    private static final int MAX_DEADLINES = 50;

    private final SagaStore sagas;
    private final PendingDeadlines deadlines;
    private final DeadlineActions actions;

    SagaController(SagaStore sagas, PendingDeadlines deadlines, DeadlineActions actions) {
        this.sagas = sagas;
        this.deadlines = deadlines;
        this.actions = actions;
    }

    @GetMapping("/api/admin/audit/sagas")
    @Operation(summary = "The live sagas associated with a value (a booking number, say): state, associations and "
                         + "pending deadlines")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "saga_not_found: none is associated with it (or all ended)")
    List<SagaView> find(@RequestParam(name = "association_value", required = false) String value) {
        if (value == null || value.isBlank()) {
            throw AuditRequests.invalid("invalid_request", "Name the association value: association_value.");
        }
        List<SagaView> found = sagas.byAssociationValues(List.of(value.strip()), AuditViewer.current()).stream()
                                    .map(saga -> new SagaView(saga, deadlinesOf(saga)))
                                    .toList();
        if (found.isEmpty()) {
            throw AuditRequests.notFound("saga_not_found", "No live saga is associated with this value.");
        }
        return found;
    }

    private List<PendingDeadline> deadlinesOf(SagaInstance saga) {
        return deadlines.mentioning(List.of(saga.sagaId()), MAX_DEADLINES).stream()
                        .filter(deadline -> saga.sagaId().equals(deadline.scopeId()))
                        .toList();
    }

    @PostMapping("/api/admin/audit/deadlines/{taskInstance}/cancel")
    @Operation(summary = "Cancel a pending deadline (ADMIN), recorded in the operator log with the reason")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "deadline_not_found")
    @ApiResponse(responseCode = "409", description = "deadline_running")
    PendingDeadline cancel(@PathVariable("taskInstance") String taskInstance,
                           @Valid @RequestBody CancelRequest request) {
        return actions.cancel(taskInstance, request.reason().strip());
    }

    @PostMapping("/api/admin/audit/deadlines/{taskInstance}/reschedule")
    @Operation(summary = "Move a pending deadline to another time (ADMIN), recorded in the operator log")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "deadline_not_found")
    @ApiResponse(responseCode = "400", description = "invalid_timestamp, invalid_request")
    PendingDeadline reschedule(@PathVariable("taskInstance") String taskInstance,
                               @Valid @RequestBody RescheduleRequest request) {
        return actions.reschedule(taskInstance, AuditRequests.instant("at", request.at()), request.reason().strip());
    }

    /** @param deadlines the saga's deadlines that have not fired yet */
    record SagaView(SagaInstance saga, List<PendingDeadline> deadlines) {
    }

    record CancelRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    /** @param at when it should fire instead, ISO-8601 with a zone */
    record RescheduleRequest(@NotNull String at, @NotBlank @Size(max = 1000) String reason) {
    }
}
