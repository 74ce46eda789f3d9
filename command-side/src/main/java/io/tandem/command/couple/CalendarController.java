package io.tandem.command.couple;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.couple.CoupleCommands.AddCalendarEntryCommand;
import io.tandem.api.couple.CoupleCommands.ChangeCalendarEntryCommand;
import io.tandem.api.couple.CoupleCommands.RemoveCalendarEntryCommand;
import io.tandem.api.couple.CoupleResults.CalendarEntryDetails;
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
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "Couple")
class CalendarController {

    private final CommandGateway commands;
    private final CoupleMembership membership;
    private final CoupleItems items;
    private final ReadYourWrites writes;

    CalendarController(CommandGateway commands, CoupleMembership membership, CoupleItems items,
                       ReadYourWrites writes) {
        this.commands = commands;
        this.membership = membership;
        this.items = items;
        this.writes = writes;
    }

    @PostMapping("/api/calendar")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a day to your shared calendar (title ≤ 100, content ≤ 2000 characters, at most 10 "
                         + "images uploaded through /api/files by either of you)")
    CalendarEntryDetails add(@Valid @RequestBody NewEntry request) {
        String userId = CurrentUser.id();
        String coupleId = membership.requireCoupleOf(userId);
        String id = UUID.randomUUID().toString();
        AddCalendarEntryCommand command = new AddCalendarEntryCommand(
                id, coupleId, userId, request.date(), request.title().strip(), blankToNull(request.content()),
                distinct(request.imageIds() == null ? List.of() : request.imageIds()));
        send(command);
        return new CalendarEntryDetails(id, command.date(), command.title(), command.content(), command.imageIds());
    }

    @PatchMapping("/api/calendar/{id}")
    @Operation(summary = "Change a calendar entry; absent fields stay as they are, an empty content or image list "
                         + "clears it")
    CalendarEntryDetails change(@PathVariable("id") String id, @Valid @RequestBody EntryChange request) {
        String coupleId = membership.requireCoupleOf(CurrentUser.id());
        items.requireOwned(id, coupleId, Kind.CALENDAR_ENTRY);
        return send(new ChangeCalendarEntryCommand(
                id, coupleId, request.date(), request.title() == null ? null : request.title().strip(),
                request.content() == null ? null : request.content().strip(),
                request.imageIds() == null ? null : distinct(request.imageIds())));
    }

    @DeleteMapping("/api/calendar/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a calendar entry (the images stay with whoever uploaded them)")
    void remove(@PathVariable("id") String id) {
        String coupleId = membership.requireCoupleOf(CurrentUser.id());
        items.requireOwned(id, coupleId, Kind.CALENDAR_ENTRY);
        send(new RemoveCalendarEntryCommand(id, coupleId));
    }

    /** Answers once the couple's read models show the change. */
    private <R> R send(Object command) {
        return writes.write(() -> commands.sendAndWait(command), ReadModels.COUPLES);
    }

    private static List<String> distinct(List<UUID> imageIds) {
        return imageIds.stream().map(UUID::toString).distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    record NewEntry(@NotNull LocalDate date,
                    @NotBlank @Size(max = 100) String title,
                    @Size(max = 2000) String content,
                    @Size(max = 10) List<@NotNull UUID> imageIds) {
    }

    record EntryChange(LocalDate date,
                       @Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                       String title,
                       @Size(max = 2000) String content,
                       @Size(max = 10) List<@NotNull UUID> imageIds) {

        @AssertTrue(message = "give date, title, content and/or image_ids")
        boolean isAnyChange() {
            return date != null || title != null || content != null || imageIds != null;
        }
    }
}
