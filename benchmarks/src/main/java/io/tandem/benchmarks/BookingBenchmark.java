package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.benchmarks.InsertBaseline.Inserts;
import io.tandem.launcher.TandemApplication;
import io.tandem.testsupport.SseTestClient;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.tandem.benchmarks.HttpApi.expect;
import static io.tandem.benchmarks.HttpApi.json;

/**
 * Booking to confirmed booking under load, in one JVM: a real PostgreSQL (durable commits) and Elasticsearch node,
 * every side ({@link TandemApplication}, profiles command, query, saga, embedded) on a random port and Bootpay on
 * loopback. Each booking is placed, paid (init, a paid receipt at the loopback PG, its webhook) and, once the
 * traveller's notification stream says it is confirmed, read until the read side says CONFIRMED, from 1, 8, 32 and
 * 64 client threads. Then the event store's own pace ({@link
 * EventAppends}): a trivial command's appends per second and its commit-to-read-model lag, and whether paying
 * tells unknown booking numbers apart ({@link PaymentInitOracle}). The baseline is a
 * single-row INSERT transaction into a scratch table of the same PostgreSQL, at the same thread counts. See
 * docs/benchmarks.md.
 * <p>
 * Options: {@code --clients=1,8,32,64}, {@code --bookings=200} per client count (at least 10 per client),
 * {@code --warmup=30}, {@code --schedules=16} (bookings spread over them), {@code --appends=3000} and
 * {@code --inserts=3000} per thread count, {@code --lags=500} per thread count (1 and 8), {@code --oracle=300}
 * rounds of {@link PaymentInitOracle}; arguments starting
 * {@code --tandem.} or {@code --spring.} go to the application.
 */
public final class BookingBenchmark {

    private static final String SEAT_LETTERS = "ABCDEF";
    private static final int ROWS = 60;
    private static final int SEATS_PER_SCHEDULE = ROWS * SEAT_LETTERS.length();
    private static final long FARE = 80_000;
    private static final String ADMIN_EMAIL = "admin@bench.test";
    private static final String ADMIN_PASSWORD = "bench-pass-1";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int LAG_THREADS = 8;
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private final int[] clientCounts;
    private final int bookings;
    private final int warmup;
    private final int scheduleCount;
    private final int appends;
    private final int lags;
    private final int inserts;
    private final int oracleRounds;
    private final List<String> applicationArguments;

    private final List<String> scheduleIds = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<SseTestClient> notifications = new ArrayList<>();
    private final AtomicInteger nextSeat = new AtomicInteger();
    private BootpayLoopbackServer bootpay;
    private HttpApi api;

    private BookingBenchmark(BenchmarkArguments arguments) {
        this.applicationArguments = arguments.application();
        this.clientCounts = arguments.options().containsKey("clients")
                ? Arrays.stream(arguments.options().get("clients").split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{1, 8, 32, 64};
        this.bookings = arguments.option("bookings", 200);
        this.warmup = arguments.option("warmup", 30);
        this.scheduleCount = arguments.option("schedules", 16);
        this.appends = arguments.option("appends", 3000);
        this.lags = arguments.option("lags", 500);
        this.inserts = arguments.option("inserts", 3000);
        this.oracleRounds = arguments.option("oracle", 300);
    }

    public static void main(String[] args) {
        try {
            new BookingBenchmark(BenchmarkArguments.parse(args)).run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Report.printMachine();
        int mostClients = Arrays.stream(clientCounts).max().orElse(1);
        int travellers = Math.max(mostClients, 2);
        try (BenchmarkServers servers = BenchmarkServers.start("tandem-booking-benchmark-");
             BootpayLoopbackServer loopback = new BootpayLoopbackServer()) {
            bootpay = loopback;
            List<String> bench = List.of(
                    "--tandem.admin.email=" + ADMIN_EMAIL,
                    "--tandem.admin.password=" + ADMIN_PASSWORD,
                    "--tandem.bootpay.base-url=" + loopback.baseUrl(),
                    "--tandem.bootpay.application-id=" + BootpayLoopbackServer.APPLICATION_ID,
                    "--tandem.bootpay.private-key=" + BootpayLoopbackServer.PRIVATE_KEY,
                    "--tandem.bootpay.client-application-id=bench",
                    // a few travellers book and pay for the many people a run stands for, all from 127.0.0.1
                    "--tandem.rate-limit.booking-user=1000000/1m",
                    "--tandem.rate-limit.payment-user=1000000/1m",
                    "--tandem.rate-limit.webhook-address=1000000/1m");
            try (ConfigurableApplicationContext context = servers.run(TandemApplication.class,
                                                                      TandemApplication.PROFILES, bench,
                                                                      applicationArguments)) {
                api = new HttpApi(BenchmarkServers.baseUrl(context));
                prepare(travellers, BenchmarkServers.baseUrl(context));
                measure("warm-up", 1, warmup);
                List<Result> results = new ArrayList<>();
                for (int clients : clientCounts) {
                    results.add(measure("booking to CONFIRMED", clients, Math.max(bookings, 10 * clients)));
                }
                HttpClient http = HttpApi.newClient();
                PaymentInitOracle.measure(api, tokens.get(0), place(http, tokens.get(0)), place(http, tokens.get(1)),
                                          oracleRounds);
                EventAppends events = new EventAppends(context, Math.max(mostClients, LAG_THREADS));
                events.append(1, Math.min(appends, 500));
                List<EventAppends.Appends> appended = new ArrayList<>();
                for (int threads : clientCounts) {
                    appended.add(events.append(threads, appends));
                }
                events.settle(Duration.ofMinutes(5));
                List<EventAppends.Lags> lagged = List.of(events.lag(1, lags), events.lag(LAG_THREADS, lags));
                List<Inserts> baselines = InsertBaseline.measure(servers, inserts, clientCounts);
                BookingReport.print(results, appended, lagged, baselines);
            }
        }
        Report.printLoad("at the end");
    }

    // --- set-up: a flight with schedules, traveller accounts ---

    private void prepare(int travellers, String baseUrl) {
        HttpClient http = HttpApi.newClient();
        String admin = api.login(http, ADMIN_EMAIL, ADMIN_PASSWORD);
        int needed = warmup + 2 + Arrays.stream(clientCounts).map(clients -> Math.max(bookings, 10 * clients)).sum();
        int schedules = Math.max(scheduleCount, (needed + SEATS_PER_SCHEDULE - 1) / SEATS_PER_SCHEDULE);
        LocalDate date = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(10);
        List<Map<String, Object>> scheduleRequests = new ArrayList<>();
        for (int i = 0; i < schedules; i++) {
            LocalDate day = date.plusDays(i / 4);
            String departure = String.format(Locale.ROOT, "%02d:00", 7 + 3 * (i % 4));
            String arrival = String.format(Locale.ROOT, "%02d:10", 8 + 3 * (i % 4));
            scheduleRequests.add(Map.of("departure_local", day + "T" + departure, "arrival_local", day + "T" + arrival,
                                        "base_fares", Map.of("ECONOMY", FARE)));
        }
        HttpResponse<String> created = api.post(http, "/api/admin/flights-with-schedules", admin, Map.of(
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
            String token = api.signUp(http, email, "secret123", "Traveller " + i).token();
            tokens.add(token);
            notifications.add(SseTestClient.open(baseUrl + "/api/notifications/stream", token, null));
        }
        System.out.printf(Locale.ROOT, "Created 1 flight GMP-CJU with %d schedules of %d economy seats and %d "
                                       + "travellers%n%n", scheduleIds.size(), SEATS_PER_SCHEDULE, travellers);
    }

    // --- bookings ---

    /** The phases of one booking, in nanoseconds: place, init, webhook, wait until CONFIRMED, all. */
    record Booking(long place, long init, long webhook, long confirm, long total) {
    }

    /** @param cpuNanos CPU time of this whole JVM (clients, application, Elasticsearch) during the run */
    record Result(String name, int clients, int count, long[] totals, long[][] phases, long wallNanos,
                  long cpuNanos) {

        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    /** A client thread: its HTTP connection, its traveller and the traveller's notification stream. */
    private record Client(HttpClient http, String token, SseTestClient notifications) {
    }

    private Result measure(String name, int clients, int total) {
        Booking[] done = new Booking[total];
        long cpuBefore = Report.processCpuNanos();
        long wall = Parallel.run(name, clients, total,
                                 client -> new Client(HttpApi.newClient(), tokens.get(client),
                                                      notifications.get(client)),
                                 (client, i) -> done[i] = book(client));
        long[] totals = Arrays.stream(done).mapToLong(Booking::total).sorted().toArray();
        long[][] phases = {
                Arrays.stream(done).mapToLong(Booking::place).sorted().toArray(),
                Arrays.stream(done).mapToLong(Booking::init).sorted().toArray(),
                Arrays.stream(done).mapToLong(Booking::webhook).sorted().toArray(),
                Arrays.stream(done).mapToLong(Booking::confirm).sorted().toArray()};
        Result result = new Result(name, clients, total, totals, phases, wall,
                                   Report.processCpuNanos() - cpuBefore);
        System.out.printf(Locale.ROOT, "%s, %d client(s): %d bookings in %.1f s%n", name, clients, total, wall / 1e9);
        return result;
    }

    private Booking book(Client client) {
        HttpClient http = client.http();
        long start = System.nanoTime();
        String bookingNumber = place(http, client.token());
        long afterPlace = System.nanoTime();
        HttpResponse<String> init = api.post(http, "/api/payments/init", client.token(),
                                             Map.of("booking_number", bookingNumber));
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
        expect(api.post(http, "/api/payments/webhook", null, webhook), 200);
        long afterWebhook = System.nanoTime();
        long deadline = afterWebhook + PATIENCE.toNanos();
        awaitConfirmedNotification(client.notifications(), bookingNumber);
        String status = null;
        while (true) {
            HttpResponse<String> booking = api.get(http, "/api/bookings/" + bookingNumber, client.token());
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
            LockSupport.parkNanos(POLL_NANOS);
        }
        long end = System.nanoTime();
        return new Booking(afterPlace - start, afterInit - afterPlace, afterWebhook - afterInit, end - afterWebhook,
                           end - start);
    }

    /** Places a booking on the next free seat; answers its number. */
    private String place(HttpClient http, String token) {
        int seat = nextSeat.getAndIncrement();
        String scheduleId = scheduleIds.get(seat % scheduleIds.size());
        int index = seat / scheduleIds.size();
        String seatId = (index / SEAT_LETTERS.length() + 1) + String.valueOf(SEAT_LETTERS.charAt(
                index % SEAT_LETTERS.length()));
        HttpResponse<String> placed = api.post(http, "/api/bookings", token, Map.of(
                "schedule_id", scheduleId, "seat_id", seatId, "passengers", List.of(Map.of(
                        "name", "Kim Bench", "birth_date", "1990-05-05", "phone", "010-2222-3333"))));
        expect(placed, 201);
        return json(placed).get("booking_number").asText();
    }

    /**
     * Waits for the traveller's BOOKING_CONFIRMED notification of the booking, as the app does, instead of polling
     * the booking: at 64 clients polling would be most of the load.
     */
    private static void awaitConfirmedNotification(SseTestClient notifications, String bookingNumber) {
        while (true) {
            JsonNode data = notifications.next(PATIENCE).data();
            if ("BOOKING_CONFIRMED".equals(data.path("kind").asText())
                && bookingNumber.equals(data.path("subject_id").asText())) {
                return;
            }
        }
    }
}
