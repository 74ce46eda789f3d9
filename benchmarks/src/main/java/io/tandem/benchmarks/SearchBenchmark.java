package io.tandem.benchmarks;

import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightSearchQueries.WatchScheduleSearchabilityQuery;
import io.tandem.query.QuerySideApplication;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.tandem.benchmarks.HttpApi.send;
import static io.tandem.benchmarks.Report.decimal;
import static io.tandem.benchmarks.Report.millis;
import static io.tandem.benchmarks.Report.percentile;

/**
 * Flight search under load, in one JVM: a real PostgreSQL (durable commits) and Elasticsearch node, the query side on
 * a random port, a catalogue of schedules published into the event store, then thousands of HTTP searches from 1 and
 * 4 client threads. Compares the API without and with its cache against the same query sent straight to
 * Elasticsearch, and measures how long a new schedule takes to become searchable. See docs/benchmarks.md.
 * <p>
 * Options: {@code --requests=3000} per scenario and concurrency (0: none), {@code --schedules=500},
 * {@code --writes=40} (0: none); arguments starting {@code --tandem.} or {@code --spring.} go to the query side.
 */
public final class SearchBenchmark {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String ALIAS = "flight-schedules";
    private static final String[] SORTS = {"price", "departure", "duration"};
    private static final int DATES = 5;

    private final int requests;
    private final int schedules;
    private final int writes;
    private final List<String> applicationArguments;
    private final List<String[]> routes = new ArrayList<>();
    private final Map<String, ZoneId> zones = new LinkedHashMap<>();
    private final LocalDate firstDate = LocalDate.now(SEOUL).plusDays(10);

    private EventStore eventStore;
    private QueryGateway queries;
    private String api;
    private String elasticsearch;

    private SearchBenchmark(BenchmarkArguments arguments) {
        this.applicationArguments = arguments.application(); // e.g. --tandem.search.refresh-interval=200ms
        this.requests = arguments.option("requests", 3000);
        this.schedules = arguments.option("schedules", 500);
        this.writes = arguments.option("writes", 40);
        for (String[] airport : SearchCatalogue.AIRPORTS) {
            zones.put(airport[0], ZoneId.of(airport[5]));
        }
        for (String[] airport : SearchCatalogue.AIRPORTS.subList(1, SearchCatalogue.AIRPORTS.size())) {
            routes.add(new String[]{"ICN", airport[0]});
            routes.add(new String[]{airport[0], "ICN"});
        }
    }

    public static void main(String[] args) throws Exception {
        new SearchBenchmark(BenchmarkArguments.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Report.printMachine();
        try (BenchmarkServers servers = BenchmarkServers.start("tandem-benchmark-");
             ConfigurableApplicationContext context = servers.run(QuerySideApplication.class,
                                                                  new String[]{QuerySideApplication.PROFILE},
                                                                  applicationArguments)) {
            eventStore = context.getBean(EventStore.class);
            queries = context.getBean(QueryGateway.class);
            api = BenchmarkServers.baseUrl(context);
            elasticsearch = servers.elasticsearchUrl();
            load();
            if (requests > 0) {
                measureSearch();
            }
            if (writes > 0) {
                measureWriteToSearchable();
            }
        }
    }

    // --- catalogue ---

    private void load() {
        long started = System.nanoTime();
        for (String[] airport : SearchCatalogue.AIRPORTS) {
            publish("Airport", airport[0], SearchCatalogue.registered(airport));
        }
        Random random = new Random(42);
        for (int i = 0; i < schedules; i++) {
            String[] route = routes.get(i % routes.size());
            LocalDate date = firstDate.plusDays((i / routes.size()) % DATES);
            int hour = 6 + (i / (routes.size() * DATES)) * 3 % 16;
            long economy = 150_000 + random.nextInt(30) * 10_000L;
            Map<Cabin, Long> fares = new LinkedHashMap<>();
            fares.put(Cabin.ECONOMY, economy);
            fares.put(Cabin.BUSINESS, economy * 3);
            Map<Cabin, Integer> seats = new LinkedHashMap<>();
            seats.put(Cabin.ECONOMY, random.nextInt(10) == 0 ? 0 : 150);
            seats.put(Cabin.BUSINESS, 24);
            String scheduleId = UUID.randomUUID().toString();
            Instant departure = date.atTime(hour, random.nextInt(4) * 15).atZone(zones.get(route[0])).toInstant();
            publish("FlightSchedule", scheduleId, SearchCatalogue.scheduled(scheduleId, route, departure, 90 + random.nextInt(240),
                                                            fares, seats));
        }
        for (int i = 0; i < 4; i++) {
            String[] route = routes.get(i * 3);
            String discountId = UUID.randomUUID().toString();
            publish("Discount", discountId, new DiscountCreatedEvent(
                    discountId, "route " + i, DiscountType.PERCENTAGE, 10 + i * 5, firstDate, firstDate.plusDays(2),
                    List.of(route[0] + "-" + route[1]), List.of()));
        }
        String everywhere = UUID.randomUUID().toString();
        publish("Discount", everywhere, new DiscountCreatedEvent(everywhere, "everywhere", DiscountType.FIXED, 20_000,
                                                                 firstDate.plusDays(3), firstDate.plusDays(4),
                                                                 List.of(), List.of()));
        HttpClient http = HttpClient.newHttpClient();
        while (count(http) < schedules) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        System.out.printf(Locale.ROOT, "Loaded %d schedules on %d routes (%d airports, 5 discounts) and indexed them "
                                       + "in %.1f s%n%n", schedules, routes.size(), SearchCatalogue.AIRPORTS.size(),
                          (System.nanoTime() - started) / 1e9);
    }

    private long count(HttpClient http) {
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(
                URI.create(elasticsearch + "/" + ALIAS + "/_count")).GET().build());
        if (response.statusCode() != 200) {
            return 0;
        }
        return Long.parseLong(response.body().replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    // --- search ---

    /** Every distinct search, in a fixed shuffled order: far more than any run sends, so none repeats. */
    private List<SearchKey> distinctSearchKeys() {
        List<SearchKey> keys = new ArrayList<>();
        for (int size = 10; size <= 100; size++) {
            for (String sort : SORTS) {
                for (int passengers = 1; passengers <= 9; passengers++) {
                    for (int day = 0; day < DATES; day++) {
                        for (String[] route : routes) {
                            keys.add(new SearchKey(route[0], route[1], firstDate.plusDays(day), passengers, sort, size));
                        }
                    }
                }
            }
        }
        java.util.Collections.shuffle(keys, new Random(7));
        return keys;
    }

    private void measureSearch() {
        List<SearchKey> fresh = distinctSearchKeys();
        AtomicInteger nextFresh = new AtomicInteger();
        List<SearchKey> popular = new ArrayList<>();
        for (int day = 0; day < DATES; day++) {
            for (String[] route : routes) {
                popular.add(new SearchKey(route[0], route[1], firstDate.plusDays(day), 1, "departure", 20));
            }
        }
        HttpClient warm = HttpClient.newHttpClient();
        for (SearchKey key : popular) {
            get(warm, api + key.path()); // now cached
        }
        // the JIT, connection pools and Elasticsearch's caches, for every path
        HttpTimings.measure("warm-up", 1, 500, i -> HttpTimings.request(api + fresh.get(nextFresh.getAndIncrement()).path(), null));
        HttpTimings.measure("warm-up", 1, 500, i -> HttpTimings.request(api + popular.get(i % popular.size()).path(), null));
        HttpTimings.measure("warm-up", 1, 500, i -> HttpTimings.request(elasticsearch + "/" + ALIAS + "/_search",
                                                fresh.get(i).elasticsearchQuery()));

        List<List<String>> rows = new ArrayList<>();
        for (int clients : new int[]{1, 4}) {
            HttpTimings.Result raw = HttpTimings.measure("Elasticsearch directly", clients, requests,
                                 i -> HttpTimings.request(elasticsearch + "/" + ALIAS + "/_search",
                                              fresh.get(nextFresh.get() + i).elasticsearchQuery()));
            HttpTimings.Result uncached = HttpTimings.measure("API, not cached", clients, requests,
                                      i -> HttpTimings.request(api + fresh.get(nextFresh.getAndIncrement()).path(), null));
            HttpTimings.Result cached = HttpTimings.measure("API, cached", clients, requests,
                                    i -> HttpTimings.request(api + popular.get(i % popular.size()).path(), null));
            for (HttpTimings.Result result : List.of(uncached, cached, raw)) {
                rows.add(List.of(result.name(), String.valueOf(clients), String.valueOf(result.count()),
                                 millis(result.p50(), 2), millis(result.p99(), 2), decimal(result.perSecond(), 0),
                                 ratio(result.p50(), raw.p50()), ratio(result.p99(), raw.p99()),
                                 ratio(result.perSecond(), raw.perSecond())));
            }
        }
        Report.printTable(1, List.of("path", "clients", "requests", "p50 ms", "p99 ms", "requests/s", "p50 / ES",
                                     "p99 / ES", "requests/s / ES"), rows);
    }

    // --- write to searchable ---

    /**
     * A new schedule on a route whose page is cached: the time from publishing its event until (a) the
     * WatchScheduleSearchabilityQuery update arrives and (b) the search API returns it.
     */
    private void measureWriteToSearchable() {
        HttpClient http = HttpClient.newHttpClient();
        long[] update = new long[writes];
        long[] visible = new long[writes];
        Random jitter = new Random(11);
        for (int i = 0; i < writes; i++) {
            // a random pause, so writes do not fall into step with the index's periodic refresh
            LockSupport.parkNanos(Duration.ofMillis(jitter.nextInt(1_000)).toNanos());
            String[] route = routes.get(i % routes.size());
            LocalDate date = firstDate.plusDays(DATES + i % 3);
            String path = api + new SearchKey(route[0], route[1], date, 1, "departure", 20).path();
            get(http, path); // cached from now on
            String scheduleId = UUID.randomUUID().toString();
            try (SubscriptionQueryResult<List<String>, String> watch = queries.subscriptionQuery(
                    new WatchScheduleSearchabilityQuery(Set.of(scheduleId)),
                    ResponseTypes.multipleInstancesOf(String.class), ResponseTypes.instanceOf(String.class))) {
                watch.initialResult().block(Duration.ofSeconds(30));
                Map<Cabin, Long> fares = Map.of(Cabin.ECONOMY, 199_000L);
                Map<Cabin, Integer> seats = Map.of(Cabin.ECONOMY, 100);
                Instant departure = date.atTime(7, 5).atZone(zones.get(route[0])).toInstant();
                long published = System.nanoTime();
                publish("FlightSchedule", scheduleId, SearchCatalogue.scheduled(scheduleId, route, departure, 120, fares, seats));
                watch.updates().blockFirst(Duration.ofSeconds(30));
                update[i] = System.nanoTime() - published;
                while (!get(http, path).contains(scheduleId)) {
                    LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
                }
                visible[i] = System.nanoTime() - published;
            }
        }
        Arrays.sort(update);
        Arrays.sort(visible);
        Report.printTable(1, List.of("new schedule (event published) until", "writes", "p50 ms", "p99 ms", "max ms"),
                          List.of(List.of("WatchScheduleSearchabilityQuery update", String.valueOf(writes),
                                          millis(percentile(update, 0.5), 2), millis(percentile(update, 0.99), 2),
                                          millis(update[writes - 1], 2)),
                                  List.of("search API returns it (page was cached)", String.valueOf(writes),
                                          millis(percentile(visible, 0.5), 2), millis(percentile(visible, 0.99), 2),
                                          millis(visible[writes - 1], 2))));
    }

    // --- helpers ---

    private void publish(String type, String aggregateId, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, 0, event));
    }

    private static String get(HttpClient http, String url) {
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(URI.create(url)).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String ratio(double value, double baseline) {
        return decimal(value / baseline, 2);
    }
}
