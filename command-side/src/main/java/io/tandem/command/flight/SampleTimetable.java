package io.tandem.command.flight;

import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.SeatMap;
import io.tandem.api.flight.SeatMap.Section;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * What {@link SampleFlights} creates: a daily timetable of a few airlines on Korean domestic routes and short
 * international ones. Invented for trying the API out: the numbers, times and fares only look plausible.
 */
final class SampleTimetable {

    /** Each flight departs every day from today to this many days ahead. */
    static final int DAYS_AHEAD = 30;

    /** A flight leaving daily at {@code departure} (local time at the origin), {@code blockTime} in the air. */
    record SampleFlight(String number, String airline, String origin, String destination, LocalTime departure,
                        Duration blockTime, SeatMap seatMap, Map<Cabin, Long> fares) {
    }

    private static final SeatMap NARROW_TWO_CLASS = new SeatMap("A321", List.of(
            new Section(Cabin.BUSINESS, 1, 2, "ACDF"), new Section(Cabin.ECONOMY, 3, 30, "ABCDEF")));
    private static final SeatMap NARROW_ONE_CLASS = new SeatMap("B737-800", List.of(
            new Section(Cabin.ECONOMY, 1, 31, "ABCDEF")));
    private static final SeatMap WIDE_TWO_CLASS = new SeatMap("A330-300", List.of(
            new Section(Cabin.BUSINESS, 1, 6, "ACDGHK"), new Section(Cabin.ECONOMY, 7, 40, "ABCDEFGHJK")));

    static final List<SampleFlight> FLIGHTS = List.of(
            twoClass("KE1203", "Korean Air", "GMP", "CJU", "07:00", 70, 98_000, 180_000),
            twoClass("OZ8917", "Asiana Airlines", "GMP", "CJU", "09:30", 70, 89_000, 165_000),
            oneClass("7C113", "Jeju Air", "GMP", "CJU", "12:40", 65, 59_000),
            oneClass("LJ315", "Jin Air", "GMP", "CJU", "18:10", 70, 64_000),
            oneClass("7C126", "Jeju Air", "CJU", "GMP", "15:00", 65, 59_000),
            twoClass("KE1240", "Korean Air", "CJU", "GMP", "20:00", 70, 98_000, 180_000),
            twoClass("KE1101", "Korean Air", "GMP", "PUS", "08:00", 60, 85_000, 150_000),
            oneClass("BX8105", "Air Busan", "PUS", "CJU", "10:20", 60, 55_000),
            new SampleFlight("KE705", "Korean Air", "ICN", "NRT", LocalTime.parse("09:00"), Duration.ofMinutes(140),
                             WIDE_TWO_CLASS, Map.of(Cabin.ECONOMY, 320_000L, Cabin.BUSINESS, 1_100_000L)),
            oneClass("7C1302", "Jeju Air", "ICN", "KIX", "08:25", 110, 189_000),
            oneClass("BX142", "Air Busan", "PUS", "FUK", "09:40", 55, 139_000),
            twoClass("OZ711", "Asiana Airlines", "ICN", "TPE", "10:50", 155, 289_000, 890_000));

    /**
     * Percent off Seoul-Jeju in both directions, for departures in the {@link #DAYS_AHEAD} days after the sample data
     * was first added.
     */
    static final String DISCOUNT_NAME = "제주 얼리버드 10%";
    static final long DISCOUNT_PERCENT = 10;
    static final List<String> DISCOUNT_ROUTES = List.of("GMP-CJU", "CJU-GMP");

    /** Features Incheon-Osaka for a year after the sample data was first added. */
    static final String PROMOTION_TITLE = "오사카 특가";
    static final String PROMOTION_DESCRIPTION = "인천에서 간사이까지 매일 출발";
    static final String PROMOTION_ORIGIN = "ICN";
    static final String PROMOTION_DESTINATION = "KIX";
    static final int PROMOTION_DAYS = 365;

    private SampleTimetable() {
    }

    private static SampleFlight twoClass(String number, String airline, String origin, String destination,
                                         String departure, int minutes, long economy, long business) {
        return new SampleFlight(number, airline, origin, destination, LocalTime.parse(departure),
                                Duration.ofMinutes(minutes), NARROW_TWO_CLASS,
                                Map.of(Cabin.ECONOMY, economy, Cabin.BUSINESS, business));
    }

    private static SampleFlight oneClass(String number, String airline, String origin, String destination,
                                         String departure, int minutes, long economy) {
        return new SampleFlight(number, airline, origin, destination, LocalTime.parse(departure),
                                Duration.ofMinutes(minutes), NARROW_ONE_CLASS, Map.of(Cabin.ECONOMY, economy));
    }
}
