package io.tandem.query.flight.search;

import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountRule;
import io.tandem.query.flight.search.ScheduleDocument.CabinDocument;
import io.tandem.query.flight.search.ScheduleDocument.PlaceDocument;
import io.tandem.query.flight.search.SearchTables.AirportRow;
import io.tandem.query.flight.search.SearchTables.ScheduleRow;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders schedules from the flight-search tables into search documents: names and local times from the airports,
 * fares priced with the best discount ({@link DiscountRule#bestFare}) for the local departure date at the origin.
 */
@Component
class ScheduleDocuments {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final SearchTables tables;
    private final PricingTables pricing;

    ScheduleDocuments(SearchTables tables, PricingTables pricing) {
        this.tables = tables;
        this.pricing = pricing;
    }

    /** The scheduled ones among the rows, as documents; the others are not in search. */
    List<ScheduleDocument> render(int version, Collection<ScheduleRow> rows) {
        List<ScheduleRow> scheduled = rows.stream().filter(row -> SearchTables.SCHEDULED.equals(row.status()))
                                          .toList();
        if (scheduled.isEmpty()) {
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        LocalDate from = LocalDate.MAX;
        LocalDate to = LocalDate.MIN;
        for (ScheduleRow row : scheduled) {
            codes.add(row.origin());
            codes.add(row.destination());
            from = row.departureDate().isBefore(from) ? row.departureDate() : from;
            to = row.departureDate().isAfter(to) ? row.departureDate() : to;
        }
        Map<String, AirportRow> airports = tables.airports(version, codes);
        List<DiscountRule> discounts = pricing.discounts(version, from, to);
        return scheduled.stream().map(row -> document(row, airports, discounts)).toList();
    }

    private static ScheduleDocument document(ScheduleRow row, Map<String, AirportRow> airports,
                                     List<DiscountRule> discounts) {
        AirportRow origin = airports.get(row.origin());
        AirportRow destination = airports.get(row.destination());
        ZoneId originZone = origin != null ? origin.zone() : ZoneOffset.UTC;
        ZoneId destinationZone = destination != null ? destination.zone() : ZoneOffset.UTC;
        Map<String, CabinDocument> cabins = new LinkedHashMap<>();
        Long minFare = null;
        Map<Cabin, Long> baseFares = new EnumMap<>(Cabin.class);
        baseFares.putAll(row.baseFares());
        for (Map.Entry<Cabin, Long> base : baseFares.entrySet()) {
            Cabin cabin = base.getKey();
            long fare = DiscountRule.bestFare(base.getValue(), discounts, row.route(), row.flightId(),
                                              row.departureDate());
            int available = row.availableSeats().getOrDefault(cabin, 0);
            cabins.put(ScheduleDocument.field(cabin), new CabinDocument(
                    base.getValue(), fare, available, row.totalSeats().getOrDefault(cabin, 0)));
            if (available > 0 && (minFare == null || fare < minFare)) {
                minFare = fare;
            }
        }
        return new ScheduleDocument(
                row.scheduleId(), row.flightId(), row.flightNumber(), row.airline(), row.route(),
                place(row.origin(), origin), place(row.destination(), destination), row.departureAt(),
                row.arrivalAt(), LOCAL.format(row.departureAt().atZone(originZone)),
                LOCAL.format(row.arrivalAt().atZone(destinationZone)), row.departureDate(),
                Duration.between(row.departureAt(), row.arrivalAt()).toMinutes(), SearchTables.SCHEDULED, cabins,
                minFare);
    }

    private static PlaceDocument place(String code, AirportRow airport) {
        return airport == null ? new PlaceDocument(code, null, null, null, null)
                               : new PlaceDocument(code, airport.nameEn(), airport.nameKo(), airport.cityEn(),
                                                   airport.cityKo());
    }
}
