package io.tandem.operations.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Operations: projection rebuilds", description = "Blue/green rebuilds of PostgreSQL read models: a new "
        + "version is built beside the live one, verified against it, switched in atomically and kept for a rollback")
class RebuildController {

    private static final int HISTORY = 20;

    private final Rebuilds rebuilds;

    RebuildController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /**
     * @param reason     why, for the operator log
     * @param verifyOnly audit the live tables against a fresh rebuild and drop it: nothing is switched
     * @param autoSwitch switch in as soon as the verification finds no difference
     */
    record RebuildRequest(@Size(max = 1000) String reason, Boolean verifyOnly, Boolean autoSwitch) {
    }

    /** @param confirm for a drop: the projection's name, typed */
    record ActionRequest(@Size(max = 1000) String reason, String confirm) {
    }

    @GetMapping("/api/admin/projections")
    @Operation(summary = "The projections blue/green rebuilds support, their tables and the rebuild holding each")
    List<Map<String, Object>> projections() {
        return rebuilds.projections();
    }

    @PostMapping("/api/admin/projections/{name}/rebuilds")
    @Operation(summary = "Start a rebuild (202): shadow tables, catch-up, verification, then a switch when asked "
                         + "(or at once with auto_switch and no difference); verify_only drops it after verifying")
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "reason_required, invalid_request")
    @ApiResponse(responseCode = "404", description = "processor_not_found")
    @ApiResponse(responseCode = "409", description = "rebuild_not_supported, rebuild_in_progress, "
                                                     + "previous_version_retained, replay_in_progress, "
                                                     + "processor_paused")
    ResponseEntity<RebuildView> start(@PathVariable("name") String name,
                                      @Valid @RequestBody RebuildRequest request) {
        RebuildView started = rebuilds.start(name, reason(request.reason()),
                                             Boolean.TRUE.equals(request.verifyOnly()),
                                             Boolean.TRUE.equals(request.autoSwitch()));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                             .location(URI.create("/api/admin/projections/" + name + "/rebuilds/"
                                                  + started.rebuildId()))
                             .body(started);
    }

    @GetMapping("/api/admin/projections/{name}/rebuilds")
    @Operation(summary = "The projection's latest rebuilds, newest first")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "processor_not_found")
    List<RebuildView> history(@PathVariable("name") String name) {
        return rebuilds.history(name, HISTORY);
    }

    @GetMapping("/api/admin/projections/{name}/rebuilds/{id}")
    @Operation(summary = "A rebuild: its state, what it waits for, catch-up progress with events/s and ETA, the "
                         + "verification report and what may be asked of it now")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "rebuild_not_found")
    RebuildView rebuild(@PathVariable("name") String name, @PathVariable("id") String id) {
        return rebuilds.find(name, id);
    }

    @PostMapping("/api/admin/projections/{name}/rebuilds/{id}/switch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Switch a verified rebuild in: the live processor pauses, the tables, tokens and dead "
                         + "letters of the two versions swap in one transaction, and it resumes")
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "rebuild_not_found")
    @ApiResponse(responseCode = "409", description = "rebuild_state_conflict")
    RebuildView switchIn(@PathVariable("name") String name, @PathVariable("id") String id,
                         @Valid @RequestBody ActionRequest request) {
        return rebuilds.switchIn(name, id, reason(request.reason()));
    }

    @PostMapping("/api/admin/projections/{name}/rebuilds/{id}/rollback")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Swap the previous version back in; it resumes from where it stood at the switch")
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "rebuild_not_found")
    @ApiResponse(responseCode = "409", description = "rebuild_state_conflict")
    RebuildView rollBack(@PathVariable("name") String name, @PathVariable("id") String id,
                         @Valid @RequestBody ActionRequest request) {
        return rebuilds.rollBack(name, id, reason(request.reason()));
    }

    @PostMapping("/api/admin/projections/{name}/rebuilds/{id}/drop")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Drop the version not in use (an unfinished rebuild, or the one a switch or a rollback "
                         + "kept); confirm by typing the projection's name")
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "reason_required, confirmation_required")
    @ApiResponse(responseCode = "404", description = "rebuild_not_found")
    @ApiResponse(responseCode = "409", description = "rebuild_state_conflict")
    RebuildView drop(@PathVariable("name") String name, @PathVariable("id") String id,
                     @Valid @RequestBody ActionRequest request) {
        String reason = reason(request.reason());
        if (!name.equals(request.confirm())) {
            throw new RejectedException(Rejection.invalid("confirmation_required",
                                                          "Type the projection's name, " + name + ", to confirm."));
        }
        return rebuilds.drop(name, id, reason);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RejectedException(Rejection.invalid("reason_required", "Say why: every action needs a reason."));
        }
        return reason.strip();
    }
}
