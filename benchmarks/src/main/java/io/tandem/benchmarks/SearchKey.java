package io.tandem.benchmarks;

import io.tandem.api.flight.Cabin;

import java.time.LocalDate;
import java.util.Locale;

/** One flight search of the benchmark: its API path and the query the API sends to Elasticsearch for it. */
record SearchKey(String departure, String arrival, LocalDate date, int passengers, String sort, int size) {

    String path() {
        return "/api/flights/search?departure=" + departure + "&arrival=" + arrival + "&date=" + date
               + "&passengers=" + passengers + "&sort=" + sort + "&size=" + size;
    }

    /** The query FlightSearchService sends for this key (see ScheduleSearch#search). */
    String elasticsearchQuery() {
        StringBuilder seats = new StringBuilder();
        for (Cabin cabin : Cabin.values()) {
            seats.append(seats.isEmpty() ? "" : ",").append("{\"range\":{\"cabins.")
                 .append(cabin.name().toLowerCase(Locale.ROOT)).append(".available_seats\":{\"gte\":")
                 .append(passengers).append("}}}");
        }
        String order = switch (sort) {
            case "price" -> "{\"min_fare\":{\"order\":\"asc\"}},{\"departure_at\":{\"order\":\"asc\"}}";
            case "duration" -> "{\"duration_minutes\":{\"order\":\"asc\"}},{\"departure_at\":{\"order\":\"asc\"}}";
            default -> "{\"departure_at\":{\"order\":\"asc\"}}";
        };
        return "{\"from\":0,\"size\":" + size + ",\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":["
               + "{\"term\":{\"status\":{\"value\":\"SCHEDULED\"}}},"
               + "{\"range\":{\"departure_at\":{\"gt\":\"now\"}}},"
               + "{\"term\":{\"origin.code\":{\"value\":\"" + departure + "\"}}},"
               + "{\"term\":{\"destination.code\":{\"value\":\"" + arrival + "\"}}},"
               + "{\"term\":{\"departure_date\":{\"value\":\"" + date + "\"}}},"
               + "{\"bool\":{\"should\":[" + seats + "],\"minimum_should_match\":\"1\"}}]}},"
               + "\"sort\":[" + order + ",{\"schedule_id\":{\"order\":\"asc\"}}]}";
    }
}
