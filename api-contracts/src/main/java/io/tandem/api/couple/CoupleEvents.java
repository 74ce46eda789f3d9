package io.tandem.api.couple;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a couple keeps together (titles, places, notes) is personal data of both partners: its subject is the couple,
 * whose key is erased when the couple ends, either partner disconnecting or being erased.
 */
public final class CoupleEvents {

    private CoupleEvents() {
    }

    /** The inviter's earlier code, if any, stops working. */
    public record CoupleInviteIssuedEvent(String invitationId, String inviterId, String code, Instant expiresAt) {
    }

    public record CoupleInviteRedeemedEvent(String invitationId, String inviterId, String code, String redeemerId,
                                            String coupleId) {
    }

    public record CoupleLinkedEvent(String coupleId, String inviterId, String inviteeId, LocalDate startedOn) {
    }

    public record CoupleStartDateChangedEvent(String coupleId, LocalDate startedOn, String changedBy) {
    }

    /**
     * The couple is over: neither partner sees its anniversaries, plans and calendar any more, the couple's key is
     * erased with this event so what they held no longer decrypts, and reminders of its plans notify nobody.
     */
    public record CoupleDisconnectedEvent(String coupleId, String disconnectedBy, String partnerId) {
    }

    public record AnniversaryAddedEvent(String anniversaryId, @DataSubject String coupleId, @PersonalData String title,
                                        LocalDate date, boolean yearly, String addedBy) {
    }

    public record AnniversaryChangedEvent(String anniversaryId, @DataSubject String coupleId,
                                          @PersonalData String title, LocalDate date, boolean yearly) {
    }

    public record AnniversaryRemovedEvent(String anniversaryId, String coupleId) {
    }

    /** {@code reminderId} names the scheduled reminder so that a change or deletion can cancel it. */
    public record PlanScheduledEvent(String planId, @DataSubject String coupleId, @PersonalData String title,
                                     @PersonalData String place, Instant time, Instant remindAt, String reminderId,
                                     String addedBy) {
    }

    /** Carries the plan's whole state after the change; a new reminder id when the time moved. */
    public record PlanChangedEvent(String planId, @DataSubject String coupleId, @PersonalData String title,
                                   @PersonalData String place, Instant time, Instant remindAt, String reminderId) {
    }

    public record PlanDeletedEvent(String planId, String coupleId) {
    }

    /** The reminder for the plan at {@code time} is due: both partners still in the couple hear about it. */
    public record PlanReminderDueEvent(String planId, String coupleId, Instant time) {
    }

    public record CalendarEntryAddedEvent(String entryId, @DataSubject String coupleId, LocalDate date,
                                          @PersonalData String title, @PersonalData String content,
                                          List<String> imageIds, String addedBy) {
    }

    /** Carries the entry's whole state after the change. */
    public record CalendarEntryChangedEvent(String entryId, @DataSubject String coupleId, LocalDate date,
                                            @PersonalData String title, @PersonalData String content,
                                            List<String> imageIds) {
    }

    public record CalendarEntryRemovedEvent(String entryId, String coupleId) {
    }
}
