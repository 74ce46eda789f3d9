package io.tandem.query.flight.search;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.FlightSearchResults.CabinFare;
import io.tandem.api.flight.FlightSearchResults.Place;
import io.tandem.api.flight.FlightSearchResults.ScheduleCard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One schedule in the search index ({@link ScheduleIndex#PROPERTIES}). Cabins are plain objects keyed by the cabin's
 * lower-case name (not nested documents), so a query names {@code cabins.business.fare} directly. {@code minFare}
 * is the lowest fare among cabins with a free seat, null when all are full.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ScheduleDocument(String scheduleId, String flightId, String flightNumber, String airline, String route,
                        PlaceDocument origin, PlaceDocument destination, Instant departureAt, Instant arrivalAt,
                        String departureLocal, String arrivalLocal, LocalDate departureDate, long durationMinutes,
                        String status, Map<String, CabinDocument> cabins, Long minFare) {

    static final String SCHEDULED = "SCHEDULED";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PlaceDocument(String code, String nameEn, String nameKo, String cityEn, String cityKo) {

        Place toPlace() {
            return new Place(code, nameEn, nameKo, cityEn, cityKo);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CabinDocument(long baseFare, long fare, int availableSeats, int totalSeats) {
    }

    static String field(Cabin cabin) {
        return cabin.name().toLowerCase(Locale.ROOT);
    }

    ScheduleCard toCard() {
        List<CabinFare> fares = new ArrayList<>();
        for (Cabin cabin : Cabin.values()) {
            CabinDocument fare = cabins.get(field(cabin));
            if (fare != null) {
                fares.add(new CabinFare(cabin, fare.baseFare(), fare.fare(), fare.availableSeats()));
            }
        }
        return new ScheduleCard(scheduleId, flightNumber, airline, origin.toPlace(), destination.toPlace(),
                                departureAt, arrivalAt, LocalDateTime.parse(departureLocal),
                                LocalDateTime.parse(arrivalLocal), durationMinutes, fares);
    }
}
