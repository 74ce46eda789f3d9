package io.tandem.command.couple;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.couple.CoupleCommands.ChangePlanCommand;
import io.tandem.api.couple.CoupleCommands.DeletePlanCommand;
import io.tandem.api.couple.CoupleCommands.SchedulePlanCommand;
import io.tandem.api.couple.CoupleResults.PlanDetails;
import io.tandem.command.couple.CoupleItems.Kind;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

@RestController
@Tag(name = "Couple")
class PlanController {

    private final CommandGateway commands;
    private final CoupleMembership membership;
    private final CoupleItems items;
    private final CoupleSettings settings;
    private final ReadYourWrites writes;

    PlanController(CommandGateway commands, CoupleMembership membership, CoupleItems items,
                   CoupleSettings settings, ReadYourWrites writes) {
        this.commands = commands;
        this.membership = membership;
        this.items = items;
        this.settings = settings;
        this.writes = writes;
    }

    @PostMapping("/api/plan")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Plan something together (title ≤ 100, place ≤ 200 characters; time in the future, with "
                         + "an offset); both of you are reminded ahead of it, at once if that moment has passed")
    PlanDetails schedule(@Valid @RequestBody NewPlan request) {
        String userId = CurrentUser.id();
        String coupleId = membership.requireCoupleOf(userId);
        String id = UUID.randomUUID().toString();
        Instant time = request.time().toInstant();
        return send(new SchedulePlanCommand(id, coupleId, userId, request.title().strip(),
                                                            blankToNull(request.place()), time,
                                                            time.minus(settings.planReminderLead())));
    }

    @PatchMapping("/api/plan/{id}")
    @Operation(summary = "Change a plan; absent fields stay as they are, an empty place clears it, a new time "
                         + "moves the reminder")
    PlanDetails change(@PathVariable("id") String id, @Valid @RequestBody PlanChange request) {
        String coupleId = membership.requireCoupleOf(CurrentUser.id());
        items.requireOwned(id, coupleId, Kind.PLAN);
        Instant time = request.time() == null ? null : request.time().toInstant();
        return send(new ChangePlanCommand(
                id, coupleId, request.title() == null ? null : request.title().strip(),
                request.place() == null ? null : request.place().strip(), time,
                time == null ? null : time.minus(settings.planReminderLead())));
    }

    @DeleteMapping("/api/plan/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a plan; its reminder is cancelled")
    void delete(@PathVariable("id") String id) {
        String coupleId = membership.requireCoupleOf(CurrentUser.id());
        items.requireOwned(id, coupleId, Kind.PLAN);
        send(new DeletePlanCommand(id, coupleId));
    }

    /** Answers once the couple's read models show the change. */
    private <R> R send(Object command) {
        return writes.write(() -> commands.sendAndWait(command), ReadModels.COUPLES);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    record NewPlan(@NotBlank @Size(max = 100) String title, @Size(max = 200) String place,
                   @NotNull OffsetDateTime time) {
    }

    record PlanChange(@Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                      String title,
                      @Size(max = 200) String place,
                      OffsetDateTime time) {

        @AssertTrue(message = "give title, place and/or time")
        boolean isAnyChange() {
            return title != null || place != null || time != null;
        }
    }
}
