package io.tandem.benchmarks;

import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The search benchmark's airports and schedules, as the events that put them in the catalogue. */
final class SearchCatalogue {

    /** code, English name, Korean name, English city, Korean city, time zone */
    static final List<String[]> AIRPORTS = List.of(
            new String[]{"ICN", "Incheon International Airport", "인천국제공항", "Incheon", "인천", "Asia/Seoul"},
            new String[]{"NRT", "Narita International Airport", "나리타국제공항", "Tokyo", "도쿄", "Asia/Tokyo"},
            new String[]{"HND", "Tokyo Haneda Airport", "하네다공항", "Tokyo", "도쿄", "Asia/Tokyo"},
            new String[]{"KIX", "Kansai International Airport", "간사이국제공항", "Osaka", "오사카", "Asia/Tokyo"},
            new String[]{"FUK", "Fukuoka Airport", "후쿠오카공항", "Fukuoka", "후쿠오카", "Asia/Tokyo"},
            new String[]{"CTS", "New Chitose Airport", "신치토세공항", "Sapporo", "삿포로", "Asia/Tokyo"},
            new String[]{"OKA", "Naha Airport", "나하공항", "Okinawa", "오키나와", "Asia/Tokyo"},
            new String[]{"PVG", "Shanghai Pudong International Airport", "상하이푸둥국제공항", "Shanghai", "상하이",
                         "Asia/Shanghai"},
            new String[]{"HKG", "Hong Kong International Airport", "홍콩국제공항", "Hong Kong", "홍콩",
                         "Asia/Hong_Kong"},
            new String[]{"TPE", "Taiwan Taoyuan International Airport", "타오위안국제공항", "Taipei", "타이베이",
                         "Asia/Taipei"},
            new String[]{"BKK", "Suvarnabhumi Airport", "수완나품공항", "Bangkok", "방콕", "Asia/Bangkok"});

    private SearchCatalogue() {
    }

    static AirportRegisteredEvent registered(String[] airport) {
        return new AirportRegisteredEvent(airport[0], airport[1], airport[2], airport[3], airport[4], "XX", airport[5]);
    }

    static FlightScheduledEvent scheduled(String scheduleId, String[] route, Instant departure, int minutes,
                                          Map<Cabin, Long> fares, Map<Cabin, Integer> seats) {
        String flightId = UUID.nameUUIDFromBytes((route[0] + route[1]).getBytes()).toString();
        return new FlightScheduledEvent(scheduleId, flightId,
                                        "KE" + (100 + Math.abs(scheduleId.hashCode() % 900)), "Korean Air", route[0],
                                        route[1], departure, departure.plus(Duration.ofMinutes(minutes)), fares,
                                        seats, null);
    }
}
