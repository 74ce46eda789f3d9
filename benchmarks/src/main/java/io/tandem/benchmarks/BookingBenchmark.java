package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.embedded.EmbeddedElasticsearchNode;
import io.tandem.embedded.EmbeddedPostgresServer;
import io.tandem.launcher.TandemApplication;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Booking to confirmed booking under load, in one JVM: a real PostgreSQL (durable commits) and Elasticsearch node,
 * every side ({@link TandemApplication}, profiles command, query, saga, embedded) on a random port and Bootpay on
 * loopback. Each booking is placed, paid (init, a paid receipt at the loopback PG, its webhook) and polled until the
 * read side says CONFIRMED, from 1 and then 4 client threads. The baseline is a single-row INSERT transaction into a
 * scratch table of the same PostgreSQL. See docs/benchmarks.md.
 * <p>
 * Options: {@code --bookings=200} per client count, {@code --warmup=30}, {@code --travellers=8},
 * {@code --inserts=3000} per thread count; arguments starting {@code --tandem.} or {@code --spring.} go to the
 * application.
 */
public final class BookingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEAT_LETTERS = "ABCDEF";
    private static final int ROWS = 60;
    private static final int SEATS_PER_SCHEDULE = ROWS * SEAT_LETTERS.length();
    private static final long FARE = 80_000;
    private static final String ADMIN_EMAIL = "admin@bench.test";
    private static final String ADMIN_PASSWORD = "bench-pass-1";

    private final int bookings;
    private final int warmup;
    private final int travellers;
    private final int inserts;
    private final List<String> applicationArguments;

    private final List<String> scheduleIds = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final AtomicInteger nextSeat = new AtomicInteger();
    private BootpayLoopbackServer bootpay;
    private String api;

    private BookingBenchmark(Map<String, String> options, List<String> applicationArguments) {
        this.applicationArguments = List.copyOf(applicationArguments);
        this.bookings = Integer.parseInt(options.getOrDefault("bookings", "200"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        this.travellers = Integer.parseInt(options.getOrDefault("travellers", "8"));
        this.inserts = Integer.parseInt(options.getOrDefault("inserts", "3000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> applicationArguments = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--tandem.") || arg.startsWith("--spring.")) {
                applicationArguments.add(arg);
                continue;
            }
            String[] option = arg.replaceFirst("^--", "").split("=", 2);
            options.put(option[0], option.length > 1 ? option[1] : "true");
        }
        new BookingBenchmark(options, applicationArguments).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("tandem-booking-benchmark-");
        printMachine();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"));
             EmbeddedElasticsearchNode node = EmbeddedElasticsearchNode.start(data.resolve("elasticsearch"));
             BootpayLoopbackServer loopback = new BootpayLoopbackServer()) {
            bootpay = loopback;
            postgres.createDatabase("tandem");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            SpringApplication application = new SpringApplication(TandemApplication.class);
            application.setAdditionalProfiles(TandemApplication.PROFILES);
            List<String> arguments = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--spring.datasource.url=" + postgres.jdbcUrl("tandem"),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(),
                    "--tandem.search.url=" + node.httpUrl(),
                    "--tandem.data-dir=" + data,
                    "--tandem.storage.type=local",
                    "--tandem.security.jwt.secret=" + Base64.getEncoder().encodeToString(key),
                    "--tandem.admin.email=" + ADMIN_EMAIL,
                    "--tandem.admin.password=" + ADMIN_PASSWORD,
                    "--tandem.bootpay.base-url=" + loopback.baseUrl(),
                    "--tandem.bootpay.application-id=" + BootpayLoopbackServer.APPLICATION_ID,
                    "--tandem.bootpay.private-key=" + BootpayLoopbackServer.PRIVATE_KEY,
                    "--tandem.bootpay.client-application-id=bench",
                    "--axon.axonserver.enabled=false",
                    "--axoniq.update-checker.disabled=true",
                    "--logging.level.root=WARN",
                    "--logging.level.org.elasticsearch=ERROR",
                    "--logging.level.rest.suppressed=ERROR"));
            arguments.addAll(applicationArguments);
            long starting = System.nanoTime();
            try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
                api = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
                System.out.printf(Locale.ROOT, "Application started in %.1f s%n", (System.nanoTime() - starting) / 1e9);
                prepare();
                measure("warm-up", 1, warmup);
                List<Result> results = new ArrayList<>();
                List<Inserts> baselines = new ArrayList<>();
                for (int clients : new int[]{1, 4}) {
                    results.add(measure("booking to CONFIRMED", clients, bookings));
                }
                String jdbcUrl = postgres.jdbcUrl("tandem");
                createScratchTable(jdbcUrl, postgres.username(), postgres.password());
                insert(jdbcUrl, postgres.username(), postgres.password(), 1, Math.min(inserts, 500)); // warm-up
                for (int threads : new int[]{1, 4}) {
                    baselines.add(insert(jdbcUrl, postgres.username(), postgres.password(), threads, inserts));
                }
                print(results, baselines);
            }
        } finally {
            deleteRecursively(data);
        }
    }

    // --- set-up: a flight with schedules, traveller accounts ---

    private void prepare() {
        HttpClient http = newClient();
        String admin = login(http, ADMIN_EMAIL, ADMIN_PASSWORD);
        int needed = warmup + 2 * bookings;
        int schedules = Math.max(3, (needed + SEATS_PER_SCHEDULE - 1) / SEATS_PER_SCHEDULE);
        LocalDate date = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(10);
        List<Map<String, Object>> scheduleRequests = new ArrayList<>();
        for (int i = 0; i < schedules; i++) {
            LocalDate day = date.plusDays(i);
            scheduleRequests.add(Map.of("departure_local", day + "T08:00", "arrival_local", day + "T09:10",
                                        "base_fares", Map.of("ECONOMY", FARE)));
        }
        HttpResponse<String> created = post(http, "/api/admin/flights-with-schedules", admin, Map.of(
                "flight", Map.of("flight_number", "7C901", "airline", "Jeju Air", "origin", "GMP",
                                 "destination", "CJU",
                                 "seat_map", Map.of("aircraft", "B737", "sections", List.of(Map.of(
                                         "cabin", "ECONOMY", "from_row", 1, "to_row", ROWS,
                                         "letters", SEAT_LETTERS)))),
                "schedules", scheduleRequests));
        expect(created, 201);
        json(created).get("schedule_ids").forEach(id -> scheduleIds.add(id.asText()));
        for (int i = 0; i < travellers; i++) {
            String email = "traveller-" + i + "@bench.test";
            expect(post(http, "/api/auth/signup", null,
                        Map.of("email", email, "password", "secret123", "name", "Traveller " + i)), 201, 200);
            tokens.add(login(http, email, "secret123"));
        }
        System.out.printf(Locale.ROOT, "Created 1 flight GMP-CJU with %d schedules of %d economy seats and %d "
                                       + "travellers%n%n", scheduleIds.size(), SEATS_PER_SCHEDULE, travellers);
    }

    private String login(HttpClient http, String email, String password) {
        HttpResponse<String> login = post(http, "/api/auth/login", null,
                                          Map.of("username", email, "password", password));
        expect(login, 200);
        return json(login).get("access_token").asText();
    }

    // --- bookings ---

    /** The phases of one booking, in nanoseconds: place, init, webhook, wait until CONFIRMED, all. */
    private record Booking(long place, long init, long webhook, long confirm, long total) {
    }

    private record Result(String name, int clients, int count, long[] totals, long[][] phases, long wallNanos) {

        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    private Result measure(String name, int clients, int total) {
        Booking[] done = new Booking[total];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(clients);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread client = new Thread(() -> {
                HttpClient http = newClient();
                try {
                    for (int i = next.getAndIncrement(); i < total && failures.isEmpty(); i = next.getAndIncrement()) {
                        done[i] = book(http, tokens.get(i % tokens.size()));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    finished.countDown();
                }
            }, "booking-client-" + c);
            client.start();
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long wall = System.nanoTime() - started;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(name + " failed", failures.get(0));
        }
        long[] totals = Arrays.stream(done).mapToLong(Booking::total).sorted().toArray();
        long[][] phases = {
                Arrays.stream(done).mapToLong(Booking::place).sorted().toArray(),
                Arrays.stream(done).mapToLong(Booking::init).sorted().toArray(),
                Arrays.stream(done).mapToLong(Booking::webhook).sorted().toArray(),
                Arrays.stream(done).mapToLong(Booking::confirm).sorted().toArray()};
        Result result = new Result(name, clients, total, totals, phases, wall);
        System.out.printf(Locale.ROOT, "%s, %d client(s): %d bookings in %.1f s%n", name, clients, total, wall / 1e9);
        return result;
    }

    private Booking book(HttpClient http, String token) {
        int seat = nextSeat.getAndIncrement();
        String scheduleId = scheduleIds.get(seat / SEATS_PER_SCHEDULE);
        int index = seat % SEATS_PER_SCHEDULE;
        String seatId = (index / SEAT_LETTERS.length() + 1) + String.valueOf(SEAT_LETTERS.charAt(
                index % SEAT_LETTERS.length()));
        long start = System.nanoTime();
        HttpResponse<String> placed = post(http, "/api/bookings", token, Map.of(
                "schedule_id", scheduleId, "seat_id", seatId, "passengers", List.of(Map.of(
                        "name", "Kim Bench", "birth_date", "1990-05-05", "phone", "010-2222-3333"))));
        expect(placed, 201);
        String bookingNumber = json(placed).get("booking_number").asText();
        long afterPlace = System.nanoTime();
        HttpResponse<String> init = post(http, "/api/payments/init", token, Map.of("booking_number", bookingNumber));
        expect(init, 200);
        long price = json(init).get("price").asLong();
        long afterInit = System.nanoTime();
        String receiptId = bootpay.createPayment(bookingNumber, price, BootpayLoopbackServer.PAID);
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("receipt_id", receiptId);
        webhook.put("order_id", bookingNumber);
        webhook.put("price", price);
        webhook.put("status", 1);
        webhook.put("webhook_type", "PAYMENT_COMPLETED");
        expect(post(http, "/api/payments/webhook", null, webhook), 200);
        long afterWebhook = System.nanoTime();
        long deadline = afterWebhook + Duration.ofSeconds(60).toNanos();
        String status = null;
        while (true) {
            HttpResponse<String> booking = send(http, request("/api/bookings/" + bookingNumber, token).GET().build());
            if (booking.statusCode() == 200) {
                status = json(booking).path("status").asText();
                if ("CONFIRMED".equals(status)) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(bookingNumber + " not CONFIRMED within 60 s (last: " + status
                                                + ", HTTP " + booking.statusCode() + ")");
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        long end = System.nanoTime();
        return new Booking(afterPlace - start, afterInit - afterPlace, afterWebhook - afterInit, end - afterWebhook,
                           end - start);
    }

    // --- baseline: single-row INSERT transactions ---

    private record Inserts(int threads, int count, long wallNanos) {

        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    private static void createScratchTable(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_scratch (id bigserial PRIMARY KEY, "
                              + "created_at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)");
        }
    }

    /** {@code total} autocommitted single-row INSERTs of a ~400-byte row from {@code threads} connections. */
    private static Inserts insert(String url, String user, String password, int threads, int total) {
        String payload = "x".repeat(400);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Connection> connections = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                connections.add(DriverManager.getConnection(url, user, password));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long started = System.nanoTime();
        for (Connection connection : connections) {
            new Thread(() -> {
                try (connection; PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO bench_scratch (payload) VALUES (?)")) {
                    connection.setAutoCommit(true);
                    while (next.getAndIncrement() < total) {
                        insert.setString(1, payload);
                        insert.executeUpdate();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    finished.countDown();
                }
            }, "insert-" + connections.indexOf(connection)).start();
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long wall = System.nanoTime() - started;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("inserts failed", failures.get(0));
        }
        return new Inserts(threads, total, wall);
    }

    // --- report ---

    private static void print(List<Result> results, List<Inserts> baselines) {
        System.out.println();
        System.out.println("| workload | clients | count | p50 ms | p99 ms | per second | per second / inserts per "
                           + "second |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            Inserts baseline = baselines.get(i);
            System.out.println("| booking to CONFIRMED | " + result.clients() + " | " + result.count() + " | "
                               + millis(percentile(result.totals(), 0.5)) + " | "
                               + millis(percentile(result.totals(), 0.99)) + " | "
                               + String.format(Locale.ROOT, "%.1f", result.perSecond()) + " | "
                               + String.format(Locale.ROOT, "%.4f", result.perSecond() / baseline.perSecond())
                               + " |");
        }
        for (Inserts baseline : baselines) {
            System.out.println("| single-row INSERT transaction | " + baseline.threads() + " | " + baseline.count()
                               + " | | | " + String.format(Locale.ROOT, "%.0f", baseline.perSecond()) + " | 1 |");
        }
        System.out.println();
        System.out.println("Phases of a booking (p50 / p99 ms):");
        System.out.println();
        System.out.println("| clients | POST /api/bookings | POST /api/payments/init | POST /api/payments/webhook "
                           + "| webhook answered until CONFIRMED is read |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (Result result : results) {
            StringBuilder row = new StringBuilder("| " + result.clients() + " |");
            for (long[] phase : result.phases()) {
                row.append(' ').append(millis(percentile(phase, 0.5))).append(" / ")
                   .append(millis(percentile(phase, 0.99))).append(" |");
            }
            System.out.println(row);
        }
        System.out.println();
    }

    // --- helpers ---

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                         .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> post(HttpClient http, String path, String token, Object body) {
        try {
            return send(http, request(path, token).header("Content-Type", "application/json")
                                                  .POST(HttpRequest.BodyPublishers.ofString(
                                                          JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                                        + response.statusCode() + ": " + response.body());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
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
