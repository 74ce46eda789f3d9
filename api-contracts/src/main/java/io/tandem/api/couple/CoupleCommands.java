package io.tandem.api.couple;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Linking two users into a couple, and what the two keep together. Every command about a couple's things carries
 * the couple the caller belongs to, resolved on the server from the membership table, never taken from a client.
 */
public final class CoupleCommands {

    private CoupleCommands() {
    }

    /**
     * Issues a fresh code for {@code inviterId}, replacing any earlier one; answers
     * {@link CoupleResults.IssuedInvite}. {@code invitationId} is {@link #invitationId}{@code (inviterId)}.
     */
    public record IssueCoupleInviteCommand(@TargetAggregateIdentifier String invitationId, String inviterId,
                                           Instant expiresAt) {
    }

    /** {@code userId} redeems someone's code; answers {@link CoupleResults.LinkedCouple}. */
    public record MatchCoupleCommand(@TargetAggregateIdentifier String coupleId, String code, String userId,
                                     LocalDate startedOn) {
    }

    public record ChangeCoupleStartDateCommand(@TargetAggregateIdentifier String coupleId, String userId,
                                               LocalDate startedOn) {
    }

    public record DisconnectCoupleCommand(@TargetAggregateIdentifier String coupleId, String userId) {
    }

    public record AddAnniversaryCommand(@TargetAggregateIdentifier String anniversaryId, String coupleId,
                                        String userId, String title, LocalDate date, boolean yearly) {
    }

    /** Null fields stay as they are. */
    public record ChangeAnniversaryCommand(@TargetAggregateIdentifier String anniversaryId, String coupleId,
                                           String title, LocalDate date, Boolean yearly) {
    }

    public record RemoveAnniversaryCommand(@TargetAggregateIdentifier String anniversaryId, String coupleId) {
    }

    /** {@code remindAt} is when both partners want to hear about it: the plan's time less the reminder lead. */
    public record SchedulePlanCommand(@TargetAggregateIdentifier String planId, String coupleId, String userId,
                                      String title, String place, Instant time, Instant remindAt) {
    }

    /** Null fields stay as they are; an empty place clears it. {@code remindAt} goes with a new {@code time}. */
    public record ChangePlanCommand(@TargetAggregateIdentifier String planId, String coupleId, String title,
                                    String place, Instant time, Instant remindAt) {
    }

    public record DeletePlanCommand(@TargetAggregateIdentifier String planId, String coupleId) {
    }

    /** {@code imageIds} name files uploaded through the files API by either partner. */
    public record AddCalendarEntryCommand(@TargetAggregateIdentifier String entryId, String coupleId, String userId,
                                          LocalDate date, String title, String content, List<String> imageIds) {
    }

    /** Null fields stay as they are; an empty content or image list clears it. */
    public record ChangeCalendarEntryCommand(@TargetAggregateIdentifier String entryId, String coupleId,
                                             LocalDate date, String title, String content, List<String> imageIds) {
    }

    public record RemoveCalendarEntryCommand(@TargetAggregateIdentifier String entryId, String coupleId) {
    }

    /** Every invite of one user lives in one aggregate, whose id is derived from the user's, never random. */
    public static String invitationId(String inviterId) {
        return UUID.nameUUIDFromBytes(("couple-invite/" + inviterId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
