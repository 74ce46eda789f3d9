package io.tandem.query.flight.search;

import io.tandem.api.RejectedException;
import io.tandem.api.Rejection;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.FlightSearchResults.FeaturedList;
import io.tandem.api.flight.FlightSearchResults.FeaturedSchedule;
import io.tandem.api.flight.FlightSearchResults.Place;
import io.tandem.api.flight.FlightSearchResults.PromotionList;
import io.tandem.api.flight.FlightSearchResults.PromotionView;
import io.tandem.api.flight.FlightSearchResults.SchedulePage;
import io.tandem.api.flight.FlightSearchResults.SearchFlightsQuery;
import io.tandem.query.flight.search.ScheduleSearch.Found;
import io.tandem.query.flight.search.SearchTables.AirportRow;
import io.tandem.query.flight.search.PricingTables.PromotionRow;
import io.tandem.query.search.IndexBody;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Flight search as the API offers it: input checks, the cache, then the index. */
@Service
class FlightSearchService {

    static final Set<String> SORTS = Set.of("price", "departure", "duration");

    private final ScheduleSearch index;
    private final SearchResultCache cache;
    private final SearchAirports airports;
    private final PricingTables pricing;
    private final SearchVersions versions;

    FlightSearchService(ScheduleSearch index, SearchResultCache cache, SearchAirports airports,
                        PricingTables pricing, SearchVersions versions) {
        this.index = index;
        this.cache = cache;
        this.airports = airports;
        this.pricing = pricing;
        this.versions = versions;
    }

    /**
     * Checks the raw parameters (airports known, different, date not past at the departure airport, cabin and sort
     * known, page within reach) and answers the page, from the cache when it can.
     */
    SchedulePage search(String departure, String arrival, LocalDate date, int passengers, String cabin,
                        String sort, int page, int size) {
        SearchFlightsQuery query = query(departure, arrival, date, passengers, cabin, sort, page, size);
        return cache.get(query, () -> {
            Found found = index.search(query);
            return new SchedulePage(found.documents().stream().map(ScheduleDocument::toCard).toList(),
                                    query.page(), query.size(), found.total());
        });
    }

    /** The same search for other components, over the query bus; ranges are checked here instead of by MVC. */
    @QueryHandler
    SchedulePage handle(SearchFlightsQuery query) {
        if (query.date() == null) {
            throw invalid("invalid_date", "date: is required.");
        }
        if (query.passengers() < 1 || query.passengers() > 9) {
            throw invalid("invalid_passengers", "passengers: must be between 1 and 9.");
        }
        if (query.page() < 0 || query.size() < 1 || query.size() > 100) {
            throw invalid("invalid_page", "page: must be 0 or more and size between 1 and 100.");
        }
        return search(query.departure(), query.arrival(), query.date(), query.passengers(),
                      query.cabin() == null ? null : query.cabin().name(), query.sort(), query.page(), query.size());
    }

    SearchFlightsQuery query(String departure, String arrival, LocalDate date, int passengers, String cabin,
                             String sort, int page, int size) {
        AirportRow from = airport("departure", departure);
        AirportRow to = airport("arrival", arrival);
        if (from.code().equals(to.code())) {
            throw invalid("same_airports", "arrival: must differ from departure (" + from.code() + ").");
        }
        if (date.isBefore(LocalDate.now(from.zone()))) {
            throw invalid("date_in_past", "date: " + date + " is already past at " + from.code() + " ("
                                          + from.zone() + ").");
        }
        String sortKey = sort == null ? "departure" : sort.strip().toLowerCase(Locale.ROOT);
        if (!SORTS.contains(sortKey)) {
            throw invalid("unknown_sort", "sort: must be one of price, departure or duration.");
        }
        if (((long) page + 1) * size > IndexBody.MAX_WINDOW) {
            throw invalid("page_too_deep",
                          "page: at most " + IndexBody.MAX_WINDOW + " results can be paged through.");
        }
        return new SearchFlightsQuery(from.code(), to.code(), date, passengers, cabin(cabin), sortKey, page, size);
    }

    /** Promotions valid today at their departure airport, with the lowest fare now on sale on their route. */
    PromotionList promotions() {
        List<PromotionRow> active = activePromotions();
        Map<String, Long> lowest = index.lowestFares(active.stream().map(PromotionRow::route).distinct().toList());
        Map<String, AirportRow> known = airports.all();
        return new PromotionList(active.stream().map(promotion -> new PromotionView(
                promotion.promotionId(), promotion.title(), promotion.description(), promotion.route(),
                place(promotion.origin(), known), place(promotion.destination(), known), promotion.validFrom(),
                promotion.validTo(), lowest.get(promotion.route()))).toList());
    }

    /** For each route with an active promotion, its cheapest upcoming schedule (first promotion of the route). */
    FeaturedList featured() {
        Map<String, PromotionRow> byRoute = new LinkedHashMap<>();
        for (PromotionRow promotion : activePromotions()) {
            byRoute.putIfAbsent(promotion.route(), promotion);
        }
        Map<String, ScheduleDocument> cheapest = index.cheapestPerRoute(byRoute.keySet());
        List<FeaturedSchedule> featured = new ArrayList<>();
        byRoute.forEach((route, promotion) -> {
            ScheduleDocument schedule = cheapest.get(route);
            if (schedule != null) {
                featured.add(new FeaturedSchedule(promotion.promotionId(), promotion.title(), route,
                                                  schedule.toCard()));
            }
        });
        return new FeaturedList(featured);
    }

    private List<PromotionRow> activePromotions() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, AirportRow> known = airports.all();
        return pricing.promotionsAround(versions.state().live(), today.minusDays(1), today.plusDays(1)).stream()
                      .filter(promotion -> {
                          AirportRow origin = known.get(promotion.origin());
                          LocalDate local = LocalDate.now(origin != null ? origin.zone() : ZoneOffset.UTC);
                          return !local.isBefore(promotion.validFrom()) && !local.isAfter(promotion.validTo());
                      })
                      .toList();
    }

    private AirportRow airport(String parameter, String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        return airports.find(normalized).orElseThrow(() -> invalid(
                "unknown_airport", parameter + ": no airport has the code '" + code + "'."));
    }

    private static Cabin cabin(String cabin) {
        if (cabin == null || cabin.isBlank()) {
            return null;
        }
        try {
            return Cabin.valueOf(cabin.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("unknown_cabin", "cabin: must be one of " + Arrays.stream(Cabin.values()).map(Enum::name)
                                                                            .collect(Collectors.joining(", ")) + ".");
        }
    }

    private static Place place(String code, Map<String, AirportRow> known) {
        AirportRow airport = known.get(code);
        return airport != null ? airport.toPlace() : new Place(code, null, null, null, null);
    }

    private static RejectedException invalid(String code, String detail) {
        return new RejectedException(Rejection.invalid(code, detail));
    }
}
