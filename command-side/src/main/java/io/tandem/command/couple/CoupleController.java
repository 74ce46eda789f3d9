package io.tandem.command.couple;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.couple.CoupleCommands;
import io.tandem.api.couple.CoupleCommands.ChangeCoupleStartDateCommand;
import io.tandem.api.couple.CoupleCommands.DisconnectCoupleCommand;
import io.tandem.api.couple.CoupleCommands.IssueCoupleInviteCommand;
import io.tandem.api.couple.CoupleCommands.MatchCoupleCommand;
import io.tandem.api.couple.CoupleResults.IssuedInvite;
import io.tandem.api.couple.CoupleResults.LinkedCouple;
import io.tandem.platform.consistency.ReadYourWrites;
import io.tandem.platform.ratelimit.RateLimit;
import io.tandem.platform.ratelimit.RateLimits;
import io.tandem.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@RestController
@Tag(name = "Couple")
class CoupleController {

    private static final LocalDate EARLIEST_START = LocalDate.of(1900, 1, 1);

    private final CommandGateway commands;
    private final CoupleMembership membership;
    private final CoupleSettings settings;
    private final RateLimit matchesPerUser;
    private final ReadYourWrites writes;

    CoupleController(CommandGateway commands, CoupleMembership membership, CoupleSettings settings,
                     RateLimits limits, ReadYourWrites writes) {
        this.commands = commands;
        this.membership = membership;
        this.settings = settings;
        this.matchesPerUser = limits.named("couple-match-user");
        this.writes = writes;
    }

    @PostMapping("/api/couple/invite")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A fresh invite code for your partner (single use, replaces your earlier one)")
    IssuedInvite invite() {
        String userId = CurrentUser.id();
        return commands.sendAndWait(new IssueCoupleInviteCommand(
                CoupleCommands.invitationId(userId), userId,
                Instant.now().plus(settings.inviteValidity()).truncatedTo(ChronoUnit.SECONDS)));
    }

    @PostMapping("/api/couple/match")
    @Operation(summary = "Redeem your partner's invite code: you become a couple, starting today")
    CoupleAnswer match(@Valid @RequestBody MatchRequest request) {
        // every try counts, so guessing someone's code is hopeless (security review M3)
        matchesPerUser.take(CurrentUser.id());
        LinkedCouple couple = send(new MatchCoupleCommand(
                UUID.randomUUID().toString(), InviteCodes.normalize(request.code()), CurrentUser.id(),
                settings.today()));
        return answer(couple.coupleId(), couple.partnerId(), couple.startedOn());
    }

    @PatchMapping("/api/couple/info")
    @Operation(summary = "Change the day your couple started (D-day counts from it)")
    CoupleAnswer changeStart(@Valid @RequestBody StartRequest request) {
        if (request.startedOn().isAfter(settings.today()) || request.startedOn().isBefore(EARLIEST_START)) {
            throw new RejectedException(Rejection.invalid("invalid_start_date",
                                                          "started_on: must be between 1900-01-01 and today."));
        }
        String userId = CurrentUser.id();
        String coupleId = membership.requireCoupleOf(userId);
        send(new ChangeCoupleStartDateCommand(coupleId, userId, request.startedOn()));
        String partnerId = membership.membersOf(coupleId).stream().filter(id -> !id.equals(userId))
                                     .findFirst().orElse(null);
        return answer(coupleId, partnerId, request.startedOn());
    }

    @DeleteMapping("/api/couple")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Disconnect: your partner is told; what you kept together is no longer shown to either")
    void disconnect() {
        String userId = CurrentUser.id();
        String coupleId = membership.requireCoupleOf(userId);
        send(new DisconnectCoupleCommand(coupleId, userId));
    }

    /** Answers once the couple's read models (couple info, who may enter the chat room) show the change. */
    private <R> R send(Object command) {
        return writes.write(() -> commands.sendAndWait(command), ReadModels.COUPLES);
    }

    private CoupleAnswer answer(String coupleId, String partnerId, LocalDate startedOn) {
        return new CoupleAnswer(coupleId, partnerId, startedOn,
                                ChronoUnit.DAYS.between(startedOn, settings.today()) + 1);
    }

    record MatchRequest(@NotBlank @Size(max = 32) String code) {
    }

    record StartRequest(@NotNull LocalDate startedOn) {
    }

    /** {@code dDay} counts the days together, the first day being day 1. */
    record CoupleAnswer(String coupleId, String partnerId, LocalDate startedOn, long dDay) {
    }
}
