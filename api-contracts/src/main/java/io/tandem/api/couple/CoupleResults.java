package io.tandem.api.couple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the couple command handlers answer: records, so they keep their types through Axon Server. */
public final class CoupleResults {

    private CoupleResults() {
    }

    public record IssuedInvite(String code, Instant expiresAt) {
    }

    public record LinkedCouple(String coupleId, String partnerId, LocalDate startedOn) {
    }

    public record AnniversaryDetails(String id, String title, LocalDate date, boolean yearly) {
    }

    /** {@code remindAt} is when the reminder goes out; never earlier than the moment the plan was saved. */
    public record PlanDetails(String id, String title, String place, Instant time, Instant remindAt) {
    }

    public record CalendarEntryDetails(String id, LocalDate date, String title, String content,
                                       List<String> imageIds) {
    }
}
