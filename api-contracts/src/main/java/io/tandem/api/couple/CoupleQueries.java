package io.tandem.api.couple;

import io.tandem.api.paging.PageRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * What a partner reads about their couple. Every query names the asking user; a user in no couple gets NOT_FOUND
 * {@code not_in_couple}, and nothing of a couple that ended is visible.
 */
public final class CoupleQueries {

    private CoupleQueries() {
    }

    public record FindCoupleInfoQuery(String userId) {
    }

    public record ListAnniversariesQuery(String userId, PageRequest page) {
    }

    public record ListPlansQuery(String userId, PageRequest page) {
    }

    public record ListCalendarEntriesQuery(String userId, YearMonth month, PageRequest page) {
    }

    public record PartnerProfile(String userId, String name, String nickname, String profileImageUrl) {
    }

    /** {@code dDay} counts the days together, the first day being day 1. */
    public record CoupleInfo(String coupleId, PartnerProfile partner, LocalDate startedOn, long dDay,
                             Instant linkedAt) {
    }

    /**
     * An anniversary the couple added, or a milestone counted from the day they started ({@code milestone}, no id,
     * not editable). {@code dDay} is the number of days until {@code nextDate}: 0 today, negative for a one-off
     * date already past; {@code dDayLabel} says the same as "D-3", "D-Day" or "D+5".
     */
    public record AnniversaryView(String id, String title, LocalDate date, boolean yearly, boolean milestone,
                                  LocalDate nextDate, long dDay, String dDayLabel) {
    }

    public record AnniversaryPage(List<AnniversaryView> items, Long total, Integer page, int size,
                                  String nextCursor) {
    }

    public record PlanView(String id, String title, String place, Instant time, String createdBy) {
    }

    public record PlanPage(List<PlanView> items, Long total, Integer page, int size, String nextCursor) {
    }

    /** {@code url} downloads the image; either partner may. */
    public record CalendarImage(String fileId, String url) {
    }

    public record CalendarEntryView(String id, LocalDate date, String title, String content,
                                    List<CalendarImage> images, String createdBy) {
    }

    public record CalendarPage(List<CalendarEntryView> items, Long total, Integer page, int size,
                               String nextCursor) {
    }
}
