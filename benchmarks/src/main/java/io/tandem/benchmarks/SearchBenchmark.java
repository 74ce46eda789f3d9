package io.tandem.benchmarks;

import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
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
import java.util.function.IntFunction;

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

    /** code, English name, Korean name, English city, Korean city, time zone */
    private static final List<String[]> AIRPORTS = List.of(
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
        for (String[] airport : AIRPORTS) {
            zones.put(airport[0], ZoneId.of(airport[5]));
        }
        for (String[] airport : AIRPORTS.subList(1, AIRPORTS.size())) {
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
        for (String[] airport : AIRPORTS) {
            publish("Airport", airport[0], new AirportRegisteredEvent(airport[0], airport[1], airport[2], airport[3],
                                                                      airport[4], "XX", airport[5]));
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
            publish("FlightSchedule", scheduleId, scheduled(scheduleId, route, departure, 90 + random.nextInt(240),
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
                                       + "in %.1f s%n%n", schedules, routes.size(), AIRPORTS.size(),
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

    private record Key(String departure, String arrival, LocalDate date, int passengers, String sort, int size) {

        String path() {
            return "/api/flights/search?departure=" + departure + "&arrival=" + arrival + "&date=" + date
                   + "&passengers=" + passengers + "&sort=" + sort + "&size=" + size;
        }

        /** The query FlightSearchService sends for this key (see ScheduleIndex#search). */
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

    /** Every distinct search, in a fixed shuffled order: far more than any run sends, so none repeats. */
    private List<Key> distinctKeys() {
        List<Key> keys = new ArrayList<>();
        for (int size = 10; size <= 100; size++) {
            for (String sort : SORTS) {
                for (int passengers = 1; passengers <= 9; passengers++) {
                    for (int day = 0; day < DATES; day++) {
                        for (String[] route : routes) {
                            keys.add(new Key(route[0], route[1], firstDate.plusDays(day), passengers, sort, size));
                        }
                    }
                }
            }
        }
        java.util.Collections.shuffle(keys, new Random(7));
        return keys;
    }

    private void measureSearch() {
        List<Key> fresh = distinctKeys();
        AtomicInteger nextFresh = new AtomicInteger();
        List<Key> popular = new ArrayList<>();
        for (int day = 0; day < DATES; day++) {
            for (String[] route : routes) {
                popular.add(new Key(route[0], route[1], firstDate.plusDays(day), 1, "departure", 20));
            }
        }
        HttpClient warm = HttpClient.newHttpClient();
        for (Key key : popular) {
            get(warm, api + key.path()); // now cached
        }
        // the JIT, connection pools and Elasticsearch's caches, for every path
        measure("warm-up", 1, 500, i -> request(api + fresh.get(nextFresh.getAndIncrement()).path(), null));
        measure("warm-up", 1, 500, i -> request(api + popular.get(i % popular.size()).path(), null));
        measure("warm-up", 1, 500, i -> request(elasticsearch + "/" + ALIAS + "/_search",
                                                fresh.get(i).elasticsearchQuery()));

        List<List<String>> rows = new ArrayList<>();
        for (int clients : new int[]{1, 4}) {
            Result raw = measure("Elasticsearch directly", clients, requests,
                                 i -> request(elasticsearch + "/" + ALIAS + "/_search",
                                              fresh.get(nextFresh.get() + i).elasticsearchQuery()));
            Result uncached = measure("API, not cached", clients, requests,
                                      i -> request(api + fresh.get(nextFresh.getAndIncrement()).path(), null));
            Result cached = measure("API, cached", clients, requests,
                                    i -> request(api + popular.get(i % popular.size()).path(), null));
            for (Result result : List.of(uncached, cached, raw)) {
                rows.add(List.of(result.name(), String.valueOf(clients), String.valueOf(result.count()),
                                 millis(result.p50(), 2), millis(result.p99(), 2), decimal(result.perSecond(), 0),
                                 ratio(result.p50(), raw.p50()), ratio(result.p99(), raw.p99()),
                                 ratio(result.perSecond(), raw.perSecond())));
            }
        }
        Report.printTable(1, List.of("path", "clients", "requests", "p50 ms", "p99 ms", "requests/s", "p50 / ES",
                                     "p99 / ES", "requests/s / ES"), rows);
    }

    private record Request(HttpRequest http) {
    }

    private Request request(String url, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            return new Request(builder.GET().build());
        }
        return new Request(builder.header("Content-Type", "application/json")
                                  .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private record Result(String name, int count, long[] nanos, long wallNanos) {

        long p50() {
            return percentile(nanos, 0.5);
        }

        long p99() {
            return percentile(nanos, 0.99);
        }

        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    /** Sends {@code total} requests from {@code clients} threads, each thread with its own connection. */
    private Result measure(String name, int clients, int total, IntFunction<Request> requestNumber) {
        long[] nanos = new long[total];
        long wall = Parallel.run(name, clients, total, client -> HttpApi.newClient(), (http, i) -> {
            HttpRequest request = requestNumber.apply(i).http();
            long sent = System.nanoTime();
            HttpResponse<String> response = send(http, request);
            nanos[i] = System.nanoTime() - sent;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                                                + response.body());
            }
        });
        Arrays.sort(nanos);
        return new Result(name, total, nanos, wall);
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
            String path = api + new Key(route[0], route[1], date, 1, "departure", 20).path();
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
                publish("FlightSchedule", scheduleId, scheduled(scheduleId, route, departure, 120, fares, seats));
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

    private static FlightScheduledEvent scheduled(String scheduleId, String[] route, Instant departure, int minutes,
                                                  Map<Cabin, Long> fares, Map<Cabin, Integer> seats) {
        String flightId = UUID.nameUUIDFromBytes((route[0] + route[1]).getBytes()).toString();
        return new FlightScheduledEvent(scheduleId, flightId,
                                        "KE" + (100 + Math.abs(scheduleId.hashCode() % 900)), "Korean Air", route[0],
                                        route[1], departure, departure.plus(Duration.ofMinutes(minutes)), fares,
                                        seats, null);
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
