package io.tandem.operations.processor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.operations.control.ControlGuard;
import io.tandem.operations.control.ProcessorControl.DesiredState;
import io.tandem.operations.control.ProcessorControl;
import io.tandem.operations.control.ProcessorControls;
import io.tandem.operations.log.OperatorLog.Action;
import io.tandem.operations.log.OperatorLog;
import io.tandem.operations.processor.BoardViews.ProcessorBoard;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Operations: processors", description = "Every event processor of every node, read from PostgreSQL so "
                                                    + "any node answers for all; pause and resume on all nodes")
class ProcessorController {

    private final ProcessorBoards boards;
    private final BoardStream stream;
    private final ProcessorControls controls;
    private final OperatorLog log;
    private final List<ControlGuard> guards;

    ProcessorController(ProcessorBoards boards, BoardStream stream, ProcessorControls controls, OperatorLog log,
                        List<ControlGuard> guards) {
        this.boards = boards;
        this.stream = stream;
        this.controls = controls;
        this.log = log;
        this.guards = List.copyOf(guards);
    }

    @GetMapping("/api/admin/processors")
    @Operation(summary = "The processor board: each tracking or pooled processor with its segments, owners, "
                         + "positions, lag in events and seconds, speed, dead letters and status")
    ProcessorBoard board() {
        return boards.current();
    }

    @GetMapping(path = "/api/admin/processors/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The processor board live: a `board` event now and then every stream interval")
    SseEmitter stream() {
        return stream.open();
    }

    @PostMapping("/api/admin/processors/{name}/pause")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Pause a processor on every node, including nodes that start later; each node applies it "
                         + "within the control poll interval and the board shows which have")
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "processor_not_found")
    @ApiResponse(responseCode = "400", description = "invalid_request: the reason is missing")
    @ApiResponse(responseCode = "409", description = "replay_in_progress: a replay holds the processor's control")
    ProcessorControl pause(@PathVariable("name") String name, @Valid @RequestBody ControlRequest request) {
        return control(name, DesiredState.PAUSED, request);
    }

    @PostMapping("/api/admin/processors/{name}/resume")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Resume a paused processor on every node")
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "processor_not_found")
    @ApiResponse(responseCode = "400", description = "invalid_request: the reason is missing")
    @ApiResponse(responseCode = "409", description = "replay_in_progress: a replay holds the processor's control")
    ProcessorControl resume(@PathVariable("name") String name, @Valid @RequestBody ControlRequest request) {
        return control(name, DesiredState.RUNNING, request);
    }

    private ProcessorControl control(String name, DesiredState state, ControlRequest request) {
        String reason = request.reason().strip();
        Action action = new Action(state == DesiredState.PAUSED ? OperatorLog.PAUSE : OperatorLog.RESUME, name,
                                   Map.of(), reason);
        return log.run(action, () -> {
            boards.require(name);
            guards.forEach(guard -> guard.requireFree(name));
            return controls.request(name, state, reason, CurrentUser.id());
        }, control -> "control version " + control.version());
    }

    /** @param reason why, for the other operators and the operator log */
    record ControlRequest(@NotBlank @Size(max = 1000) String reason) {
    }
}
