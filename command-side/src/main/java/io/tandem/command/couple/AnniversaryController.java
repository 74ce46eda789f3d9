package io.tandem.command.couple;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.couple.CoupleCommands.AddAnniversaryCommand;
import io.tandem.api.couple.CoupleCommands.ChangeAnniversaryCommand;
import io.tandem.api.couple.CoupleCommands.RemoveAnniversaryCommand;
import io.tandem.api.couple.CoupleResults.AnniversaryDetails;
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

import java.time.LocalDate;
import java.util.UUID;

@RestController
@Tag(name = "Couple")
class AnniversaryController {

    private final CommandGateway commands;
    private final CoupleMembership membership;
    private final CoupleItems items;
    private final ReadYourWrites writes;

    AnniversaryController(CommandGateway commands, CoupleMembership membership, CoupleItems items,
                          ReadYourWrites writes) {
        this.commands = commands;
        this.membership = membership;
        this.items = items;
        this.writes = writes;
    }

    @PostMapping("/api/anniversary")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an anniversary of your couple (title ≤ 100 characters; once or every year)")
    AnniversaryDetails add(@Valid @RequestBody NewAnniversary request) {
        String userId = CurrentUser.id();
        String coupleId = membership.requireCoupleOf(userId);
        return send(new AddAnniversaryCommand(UUID.randomUUID().toString(), coupleId, userId,
                                                              request.title().strip(), request.date(),
                                                              Boolean.TRUE.equals(request.yearly())));
    }

    @PatchMapping("/api/anniversary/{id}")
    @Operation(summary = "Change an anniversary; absent fields stay as they are")
    AnniversaryDetails change(@PathVariable("id") String id, @Valid @RequestBody AnniversaryChange request) {
        String coupleId = membership.requireCoupleOf(CurrentUser.id());
        items.requireOwned(id, coupleId, Kind.ANNIVERSARY);
        return send(new ChangeAnniversaryCommand(
                id, coupleId, request.title() == null ? null : request.title().strip(), request.date(),
                request.yearly()));
    }

    @DeleteMapping("/api/anniversary/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an anniversary")
    void remove(@PathVariable("id") String id) {
        String coupleId = membership.requireCoupleOf(CurrentUser.id());
        items.requireOwned(id, coupleId, Kind.ANNIVERSARY);
        send(new RemoveAnniversaryCommand(id, coupleId));
    }

    /** Answers once the couple's read models show the change. */
    private <R> R send(Object command) {
        return writes.write(() -> commands.sendAndWait(command), ReadModels.COUPLES);
    }

    record NewAnniversary(@NotBlank @Size(max = 100) String title, @NotNull LocalDate date, Boolean yearly) {
    }

    record AnniversaryChange(@Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                             String title,
                             LocalDate date,
                             Boolean yearly) {

        @AssertTrue(message = "give title, date and/or yearly")
        boolean isAnyChange() {
            return title != null || date != null || yearly != null;
        }
    }
}
