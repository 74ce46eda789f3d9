package io.tandem.query.flight.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.api.flight.FlightSearchResults.FeaturedList;
import io.tandem.api.flight.FlightSearchResults.PromotionList;
import io.tandem.api.flight.FlightSearchResults.SchedulePage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/**
 * Public flight search. It reads the search index directly rather than through the query bus: it is the hottest
 * read path, and its results are cached on this node ({@link SearchResultCache}).
 */
@RestController
@Tag(name = "Flights")
class FlightSearchController {

    private final FlightSearchService search;

    FlightSearchController(FlightSearchService search) {
        this.search = search;
    }

    @GetMapping("/api/flights/search")
    @Operation(summary = "Scheduled flights between two airports on a local departure date, with fares after "
                         + "discounts; results may be up to tandem.search.cache-ttl (5 minutes) old unless an event "
                         + "changed them")
    SchedulePage search(
            @Parameter(description = "IATA code of the departure airport", example = "ICN")
            @RequestParam String departure,
            @Parameter(description = "IATA code of the arrival airport", example = "NRT")
            @RequestParam String arrival,
            @Parameter(description = "Departure date, local at the departure airport", example = "2026-12-24")
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(defaultValue = "1") @Min(1) @Max(9) int passengers,
            @Parameter(description = "ECONOMY, PREMIUM_ECONOMY, BUSINESS or FIRST (any case); any cabin if absent")
            @RequestParam(required = false) String cabin,
            @Parameter(description = "price, departure or duration")
            @RequestParam(defaultValue = "departure") String sort,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return search.search(departure, arrival, date, passengers, cabin, sort, page, size);
    }

    @GetMapping("/api/flights/promotions")
    @Operation(summary = "Promotions valid today, each with the lowest fare now on sale on its route")
    PromotionList promotions() {
        return search.promotions();
    }

    @GetMapping("/api/flights/featured")
    @Operation(summary = "The cheapest upcoming flight of each promoted route")
    FeaturedList featured() {
        return search.featured();
    }
}
