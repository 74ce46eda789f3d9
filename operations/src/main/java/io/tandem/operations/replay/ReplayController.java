package io.tandem.operations.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@Tag(name = "Operations: replays", description = "Coordinated replays of a processor on every node: a dry run "
                                                 + "shows the plan; a real run pauses, waits for released claims, "
                                                 + "resets on one node and replays, surviving the loss of any node")
class ReplayController {

    private static final int HISTORY = 20;

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    /**
     * @param from   {@code tail}, {@code head}, an ISO-8601 timestamp or a global position (that event first)
     * @param reason why; required for a real run
     * @param dryRun answer the plan and change nothing
     * @param force  replay a processor that has handlers with side effects (they skip replayed events)
     */
    record ReplayRequest(String from, @Size(max = 1000) String reason, Boolean dryRun, Boolean force) {
    }

    @PostMapping("/api/admin/processors/{name}/replays")
    @Operation(summary = "Plan (dry_run: true, 200 with the plan) or start (202 with the replay) a replay of a "
                         + "processor on every node; an Idempotency-Key header makes a repeated request answer the "
                         + "replay it started")
    @ApiResponse(responseCode = "200", description = "The dry run's plan",
                 content = @Content(schema = @Schema(implementation = ReplayPlan.class)))
    @ApiResponse(responseCode = "202", description = "The replay, started",
                 content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @ApiResponse(responseCode = "400", description = "invalid_from, reason_required, invalid_request")
    @ApiResponse(responseCode = "404", description = "processor_not_found")
    @ApiResponse(responseCode = "409", description = "replay_in_progress, saga_not_replayable, replay_not_supported, "
                                                     + "side_effects_need_force, idempotency_key_reused")
    ResponseEntity<?> replay(@PathVariable("name") String name, @Valid @RequestBody ReplayRequest request,
                             @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ReplayFrom from = ReplayFrom.parse(request.from());
        if (Boolean.TRUE.equals(request.dryRun())) {
            return ResponseEntity.ok(replays.dryRun(name, from));
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new RejectedException(Rejection.invalid("reason_required",
                                                          "A replay needs a reason; only a dry run goes without."));
        }
        ReplayView started = replays.start(name, from, Boolean.TRUE.equals(request.force()),
                                           request.reason().strip(),
                                           idempotencyKey == null || idempotencyKey.isBlank() ? null
                                                                                           : idempotencyKey.strip());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                             .location(URI.create("/api/admin/processors/" + name + "/replays/" + started.replayId()))
                             .body(started);
    }

    @GetMapping("/api/admin/processors/{name}/replays/{id}")
    @Operation(summary = "A replay: its state, what it waits for, per-segment progress, events/s and ETA over a "
                         + "sliding window, and which node took each step")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "replay_not_found")
    ReplayView replay(@PathVariable("name") String name, @PathVariable("id") String id) {
        return replays.find(name, id);
    }

    @GetMapping("/api/admin/processors/{name}/replays")
    @Operation(summary = "The processor's latest replays, newest first")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "processor_not_found")
    List<ReplayView> history(@PathVariable("name") String name) {
        return replays.history(name, HISTORY);
    }
}
