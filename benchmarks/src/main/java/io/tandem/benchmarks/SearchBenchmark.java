package io.tandem.benchmarks;

import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.FlightSearchQueries.WatchScheduleSearchabilityQuery;
import io.tandem.embedded.EmbeddedElasticsearchNode;
import io.tandem.embedded.EmbeddedPostgresServer;
import io.tandem.query.QuerySideApplication;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Stream;

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

    private SearchBenchmark(Map<String, String> options, List<String> applicationArguments) {
        this.applicationArguments = List.copyOf(applicationArguments);
        this.requests = Integer.parseInt(options.getOrDefault("requests", "3000"));
        this.schedules = Integer.parseInt(options.getOrDefault("schedules", "500"));
        this.writes = Integer.parseInt(options.getOrDefault("writes", "40"));
        for (String[] airport : AIRPORTS) {
            zones.put(airport[0], ZoneId.of(airport[5]));
        }
        for (String[] airport : AIRPORTS.subList(1, AIRPORTS.size())) {
            routes.add(new String[]{"ICN", airport[0]});
            routes.add(new String[]{airport[0], "ICN"});
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> applicationArguments = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--tandem.") || arg.startsWith("--spring.")) {
                applicationArguments.add(arg); // for the query side, e.g. --tandem.search.refresh-interval=200ms
                continue;
            }
            String[] option = arg.replaceFirst("^--", "").split("=", 2);
            options.put(option[0], option.length > 1 ? option[1] : "true");
        }
        new SearchBenchmark(options, applicationArguments).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("tandem-benchmark-");
        printMachine();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"));
             EmbeddedElasticsearchNode node = EmbeddedElasticsearchNode.start(data.resolve("elasticsearch"))) {
            postgres.createDatabase("tandem");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            SpringApplication application = new SpringApplication(QuerySideApplication.class);
            application.setAdditionalProfiles(QuerySideApplication.PROFILE);
            List<String> arguments = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--spring.datasource.url=" + postgres.jdbcUrl("tandem"),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(),
                    "--tandem.search.url=" + node.httpUrl(),
                    "--axon.axonserver.enabled=false",
                    "--axoniq.update-checker.disabled=true",
                    "--tandem.security.jwt.secret=" + Base64.getEncoder().encodeToString(key),
                    "--tandem.storage.type=local",
                    "--tandem.data-dir=" + data,
                    "--logging.level.root=WARN",
                    "--logging.level.org.elasticsearch=ERROR",
                    // searches of the index while it is being created answer 503; the loader retries them
                    "--logging.level.rest.suppressed=ERROR"));
            arguments.addAll(applicationArguments);
            try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
                eventStore = context.getBean(EventStore.class);
                queries = context.getBean(QueryGateway.class);
                api = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
                elasticsearch = node.httpUrl();
                load();
                if (requests > 0) {
                    measureSearch();
                }
                if (writes > 0) {
                    measureWriteToSearchable();
                }
            }
        } finally {
            deleteRecursively(data);
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

        List<String[]> rows = new ArrayList<>();
        for (int clients : new int[]{1, 4}) {
            Result raw = measure("Elasticsearch directly", clients, requests,
                                 i -> request(elasticsearch + "/" + ALIAS + "/_search",
                                              fresh.get(nextFresh.get() + i).elasticsearchQuery()));
            Result uncached = measure("API, not cached", clients, requests,
                                      i -> request(api + fresh.get(nextFresh.getAndIncrement()).path(), null));
            Result cached = measure("API, cached", clients, requests,
                                    i -> request(api + popular.get(i % popular.size()).path(), null));
            for (Result result : List.of(uncached, cached, raw)) {
                rows.add(new String[]{result.name(), String.valueOf(clients), String.valueOf(result.count()),
                                      millis(result.p50()), millis(result.p99()),
                                      String.format(Locale.ROOT, "%.0f", result.perSecond()),
                                      ratio(result.p50(), raw.p50()), ratio(result.p99(), raw.p99()),
                                      ratio(result.perSecond(), raw.perSecond())});
            }
        }
        System.out.println("| path | clients | requests | p50 ms | p99 ms | requests/s | p50 / ES | p99 / ES "
                           + "| requests/s / ES |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(row -> System.out.println("| " + String.join(" | ", row) + " |"));
        System.out.println();
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
            return nanos[(int) Math.floor(0.50 * (nanos.length - 1))];
        }

        long p99() {
            return nanos[(int) Math.floor(0.99 * (nanos.length - 1))];
        }

        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    /** Sends {@code total} requests from {@code clients} threads, each thread with its own connection. */
    private Result measure(String name, int clients, int total, IntFunction<Request> requestNumber) {
        long[] nanos = new long[total];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread client = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                try {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        HttpRequest request = requestNumber.apply(i).http();
                        long sent = System.nanoTime();
                        HttpResponse<String> response = send(http, request);
                        nanos[i] = System.nanoTime() - sent;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(request.uri() + " answered " + response.statusCode()
                                                            + ": " + response.body());
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }, "benchmark-client-" + c);
            client.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long wall = System.nanoTime() - started;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(name + " failed", failures.get(0));
        }
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
        System.out.println("| new schedule (event published) until | writes | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.println("| WatchScheduleSearchabilityQuery update | " + writes + " | "
                           + millis(percentile(update, 0.5)) + " | " + millis(percentile(update, 0.99)) + " | "
                           + millis(update[writes - 1]) + " |");
        System.out.println("| search API returns it (page was cached) | " + writes + " | "
                           + millis(percentile(visible, 0.5)) + " | " + millis(percentile(visible, 0.99)) + " | "
                           + millis(visible[writes - 1]) + " |");
        System.out.println();
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

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static String ratio(double value, double baseline) {
        return String.format(Locale.ROOT, "%.2f", value / baseline);
    }

    private static void printMachine() {
        String cpu = "unknown";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
                       .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        System.out.printf(Locale.ROOT, "Machine: %d cores (%s), %s %s, Java %s, max heap %d MB%n",
                          Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("os.name"),
                          System.getProperty("os.arch"), System.getProperty("java.version"),
                          Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
