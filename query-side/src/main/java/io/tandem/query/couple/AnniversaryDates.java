package io.tandem.query.couple;

import io.tandem.api.couple.CoupleQueries.AnniversaryView;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * When anniversaries come round, counted the Korean way: the day a couple starts is day 1, so "100 days" is the
 * 100th day, 99 days after the start. A yearly date of 29 February falls on 28 February in other years.
 */
final class AnniversaryDates {

    private AnniversaryDates() {
    }

    /** The next time a date comes round from {@code today} on; a one-off date, or one still ahead, is itself. */
    static LocalDate nextOccurrence(LocalDate date, boolean yearly, LocalDate today) {
        if (!yearly || !date.isBefore(today)) {
            return date;
        }
        MonthDay day = MonthDay.from(date);
        LocalDate thisYear = day.atYear(today.getYear());
        return thisYear.isBefore(today) ? day.atYear(today.getYear() + 1) : thisYear;
    }

    /**
     * The couple's milestones from today to a year ahead: every 100th day (1000, 2000, ... among them) and every
     * year since they started.
     */
    static List<AnniversaryView> milestones(LocalDate startedOn, LocalDate today) {
        LocalDate until = today.plusYears(1);
        List<AnniversaryView> milestones = new ArrayList<>();
        long dayToday = ActiveCouples.daysTogether(startedOn, today);
        for (long day = Math.max(1, (dayToday + 99) / 100) * 100; ; day += 100) {
            LocalDate date = startedOn.plusDays(day - 1);
            if (date.isAfter(until)) {
                break;
            }
            milestones.add(milestone(day + " days", date, today));
        }
        for (int year = Math.max(1, today.getYear() - startedOn.getYear() - 1); ; year++) {
            LocalDate date = startedOn.plusYears(year);
            if (date.isAfter(until)) {
                break;
            }
            if (!date.isBefore(today)) {
                milestones.add(milestone(year == 1 ? "1 year" : year + " years", date, today));
            }
        }
        return milestones;
    }

    static AnniversaryView view(String id, String title, LocalDate date, boolean yearly, LocalDate today) {
        LocalDate next = nextOccurrence(date, yearly, today);
        long days = ChronoUnit.DAYS.between(today, next);
        return new AnniversaryView(id, title, date, yearly, false, next, days, label(days));
    }

    /** "D-3" three days ahead, "D-Day" today, "D+5" five days ago. */
    static String label(long daysUntil) {
        if (daysUntil == 0) {
            return "D-Day";
        }
        return daysUntil > 0 ? "D-" + daysUntil : "D+" + -daysUntil;
    }

    private static AnniversaryView milestone(String title, LocalDate date, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, date);
        return new AnniversaryView(null, title, date, false, true, date, days, label(days));
    }
}
