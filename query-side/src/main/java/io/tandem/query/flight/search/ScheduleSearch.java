package io.tandem.query.flight.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.ObjectBuilder;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.FlightSearchResults.SearchFlightsQuery;
import io.tandem.query.search.IndexVersions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reading the schedules' search index, always through its alias (see {@link ScheduleIndex}): nothing is found while
 * there is none, as it comes with the first document.
 */
@Component
class ScheduleSearch {

    private final IndexVersions versions;

    ScheduleSearch(ElasticsearchClient searchClient,
                   @Value("${tandem.search.index:flight-schedules}") String alias) {
        this.versions = new IndexVersions(searchClient, alias);
    }

    record Found(List<ScheduleDocument> documents, long total) {
    }

    /** Scheduled, not yet departed schedules of a route on a local date with enough free seats. */
    Found search(SearchFlightsQuery query) {
        List<Query> filters = new ArrayList<>(upcoming());
        filters.add(term("origin.code", query.departure()));
        filters.add(term("destination.code", query.arrival()));
        filters.add(term("departure_date", query.date().toString()));
        filters.add(enoughSeats(query.cabin(), query.passengers()));
        return searchAlias(s -> s.query(q -> q.bool(b -> b.filter(filters)))
                                 .sort(order(query.sort(), query.cabin()))
                                 .from(query.page() * query.size())
                                 .size(query.size())
                                 .trackTotalHits(t -> t.enabled(true)))
                .map(response -> new Found(sources(response), response.hits().total() == null
                                                              ? 0 : response.hits().total().value()))
                .orElse(new Found(List.of(), 0));
    }

    /** The lowest fare of each route among its upcoming searchable schedules; routes without any are absent. */
    Map<String, Long> lowestFares(Collection<String> routes) {
        if (routes.isEmpty()) {
            return Map.of();
        }
        List<Query> filters = new ArrayList<>(upcoming());
        filters.add(routesIn(routes));
        filters.add(Query.of(q -> q.exists(e -> e.field("min_fare"))));
        return searchAlias(s -> s
                .size(0)
                .query(q -> q.bool(b -> b.filter(filters)))
                .aggregations("routes", a -> a.terms(t -> t.field("route").size(routes.size()))
                                              .aggregations("lowest", m -> m.min(min -> min.field("min_fare")))))
                .map(response -> {
                    Map<String, Long> lowest = new LinkedHashMap<>();
                    for (StringTermsBucket bucket : response.aggregations().get("routes").sterms().buckets()
                                                            .array()) {
                        lowest.put(bucket.key().stringValue(),
                                   (long) bucket.aggregations().get("lowest").min().value());
                    }
                    return lowest;
                })
                .orElse(Map.of());
    }

    /** The cheapest upcoming searchable schedule of each route (earliest first among equal fares). */
    Map<String, ScheduleDocument> cheapestPerRoute(Collection<String> routes) {
        if (routes.isEmpty()) {
            return Map.of();
        }
        List<Query> filters = new ArrayList<>(upcoming());
        filters.add(routesIn(routes));
        filters.add(Query.of(q -> q.exists(e -> e.field("min_fare"))));
        return searchAlias(s -> s
                .size(routes.size())
                .query(q -> q.bool(b -> b.filter(filters)))
                .collapse(c -> c.field("route"))
                .sort(ascending("min_fare"), ascending("departure_at"), ascending("schedule_id")))
                .map(response -> sources(response).stream()
                                                  .collect(Collectors.toMap(ScheduleDocument::route,
                                                                            Function.identity())))
                .orElse(Map.of());
    }

    /** Which of the schedules search returns now (searchable documents are scheduled ones). */
    Set<String> searchable(Collection<String> scheduleIds) {
        if (scheduleIds.isEmpty()) {
            return Set.of();
        }
        return searchAlias(s -> s
                .size(scheduleIds.size()).source(src -> src.fetch(false))
                .query(q -> q.bool(b -> b.filter(f -> f.ids(i -> i.values(List.copyOf(scheduleIds))))
                                         .filter(term("status", ScheduleDocument.SCHEDULED)))))
                .map(ScheduleSearch::ids)
                .orElse(Set.of());
    }

    /**
     * Schedules whose departure or arrival airport or city is named by {@code text}, in English or Korean ("인천",
     * "도쿄", "Narita"); Korean goes through the index's nori analyzer, so part of a compound name matches.
     */
    Set<String> matchingPlace(String text) {
        return searchAlias(s -> s
                .size(1_000).source(src -> src.fetch(false))
                .query(q -> q.multiMatch(m -> m.query(text).fields(
                        "origin.name_en", "origin.name_ko", "origin.city_en", "origin.city_ko",
                        "destination.name_en", "destination.name_ko", "destination.city_en",
                        "destination.city_ko"))))
                .map(ScheduleSearch::ids)
                .orElse(Set.of());
    }

    /** Every document of the live index, by schedule id (for checks and tests; sized for test data). */
    Map<String, ScheduleDocument> allDocuments() {
        return searchAlias(s -> s
                .size(10_000).query(q -> q.matchAll(m -> m)).sort(ascending("schedule_id")))
                .map(response -> {
                    Map<String, ScheduleDocument> documents = new LinkedHashMap<>();
                    sources(response).forEach(document -> documents.put(document.scheduleId(), document));
                    return documents;
                })
                .orElse(Map.of());
    }

    private Optional<SearchResponse<ScheduleDocument>> searchAlias(
            Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request) {
        return versions.search(request, ScheduleDocument.class);
    }

    private static Set<String> ids(SearchResponse<ScheduleDocument> response) {
        return response.hits().hits().stream().map(Hit::id).collect(Collectors.toSet());
    }

    private static List<ScheduleDocument> sources(SearchResponse<ScheduleDocument> response) {
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
    }

    private static List<Query> upcoming() {
        return List.of(term("status", ScheduleDocument.SCHEDULED),
                       Query.of(q -> q.range(r -> r.date(d -> d.field("departure_at").gt("now")))));
    }

    private static Query enoughSeats(Cabin cabin, int passengers) {
        if (cabin != null) {
            return seats(cabin, passengers);
        }
        List<Query> anyCabin = new ArrayList<>();
        for (Cabin each : Cabin.values()) {
            anyCabin.add(seats(each, passengers));
        }
        return Query.of(q -> q.bool(b -> b.should(anyCabin).minimumShouldMatch("1")));
    }

    private static Query seats(Cabin cabin, int passengers) {
        String field = "cabins." + ScheduleDocument.field(cabin) + ".available_seats";
        return Query.of(q -> q.range(r -> r.number(n -> n.field(field).gte((double) passengers))));
    }

    private static List<SortOptions> order(String sort, Cabin cabin) {
        return switch (sort) {
            case "price" -> List.of(ascending(cabin == null ? "min_fare"
                                                            : "cabins." + ScheduleDocument.field(cabin) + ".fare"),
                                    ascending("departure_at"), ascending("schedule_id"));
            case "duration" -> List.of(ascending("duration_minutes"), ascending("departure_at"),
                                       ascending("schedule_id"));
            default -> List.of(ascending("departure_at"), ascending("schedule_id"));
        };
    }

    private static SortOptions ascending(String field) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(SortOrder.Asc)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query routesIn(Collection<String> routes) {
        List<FieldValue> values = routes.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field("route").terms(v -> v.value(values))));
    }
}
