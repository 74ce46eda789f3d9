package io.tandem.benchmarks;

import io.tandem.benchmarks.InsertBaseline.Inserts;
import io.tandem.launcher.TandemApplication;
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
import static io.tandem.benchmarks.Report.decimal;
import static io.tandem.benchmarks.Report.millis;
import static io.tandem.benchmarks.Report.percentile;

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
    private HttpApi api;

    private BookingBenchmark(BenchmarkArguments arguments) {
        this.applicationArguments = arguments.application();
        this.bookings = arguments.option("bookings", 200);
        this.warmup = arguments.option("warmup", 30);
        this.travellers = arguments.option("travellers", 8);
        this.inserts = arguments.option("inserts", 3000);
    }

    public static void main(String[] args) throws Exception {
        new BookingBenchmark(BenchmarkArguments.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Report.printMachine();
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
                prepare();
                measure("warm-up", 1, warmup);
                List<Result> results = new ArrayList<>();
                for (int clients : new int[]{1, 4}) {
                    results.add(measure("booking to CONFIRMED", clients, bookings));
                }
                print(results, InsertBaseline.measure(servers, inserts, 1, 4));
            }
        }
    }

    // --- set-up: a flight with schedules, traveller accounts ---

    private void prepare() {
        HttpClient http = HttpApi.newClient();
        String admin = api.login(http, ADMIN_EMAIL, ADMIN_PASSWORD);
        int needed = warmup + 2 * bookings;
        int schedules = Math.max(3, (needed + SEATS_PER_SCHEDULE - 1) / SEATS_PER_SCHEDULE);
        LocalDate date = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(10);
        List<Map<String, Object>> scheduleRequests = new ArrayList<>();
        for (int i = 0; i < schedules; i++) {
            LocalDate day = date.plusDays(i);
            scheduleRequests.add(Map.of("departure_local", day + "T08:00", "arrival_local", day + "T09:10",
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
            tokens.add(api.signUp(http, email, "secret123", "Traveller " + i).token());
        }
        System.out.printf(Locale.ROOT, "Created 1 flight GMP-CJU with %d schedules of %d economy seats and %d "
                                       + "travellers%n%n", scheduleIds.size(), SEATS_PER_SCHEDULE, travellers);
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
        long wall = Parallel.run(name, clients, total, client -> HttpApi.newClient(),
                                 (http, i) -> done[i] = book(http, tokens.get(i % tokens.size())));
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
        HttpResponse<String> placed = api.post(http, "/api/bookings", token, Map.of(
                "schedule_id", scheduleId, "seat_id", seatId, "passengers", List.of(Map.of(
                        "name", "Kim Bench", "birth_date", "1990-05-05", "phone", "010-2222-3333"))));
        expect(placed, 201);
        String bookingNumber = json(placed).get("booking_number").asText();
        long afterPlace = System.nanoTime();
        HttpResponse<String> init = api.post(http, "/api/payments/init", token,
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
        long deadline = afterWebhook + Duration.ofSeconds(60).toNanos();
        String status = null;
        while (true) {
            HttpResponse<String> booking = api.get(http, "/api/bookings/" + bookingNumber, token);
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

    // --- report ---

    private static void print(List<Result> results, List<Inserts> baselines) {
        System.out.println();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            Inserts baseline = baselines.get(i);
            rows.add(List.of("booking to CONFIRMED", String.valueOf(result.clients()), String.valueOf(result.count()),
                             millis(percentile(result.totals(), 0.5), 1),
                             millis(percentile(result.totals(), 0.99), 1), decimal(result.perSecond(), 1),
                             decimal(result.perSecond() / baseline.perSecond(), 4)));
        }
        for (Inserts baseline : baselines) {
            rows.add(List.of("single-row INSERT transaction", String.valueOf(baseline.threads()),
                             String.valueOf(baseline.count()), "", "", decimal(baseline.perSecond(), 0), "1"));
        }
        Report.printTable(1, List.of("workload", "clients", "count", "p50 ms", "p99 ms", "per second",
                                     "per second / inserts per second"), rows);
        System.out.println("Phases of a booking (p50 / p99 ms):");
        System.out.println();
        List<List<String>> phases = new ArrayList<>();
        for (Result result : results) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(result.clients())));
            for (long[] phase : result.phases()) {
                row.add(millis(percentile(phase, 0.5), 1) + " / " + millis(percentile(phase, 0.99), 1));
            }
            phases.add(row);
        }
        Report.printTable(0, List.of("clients", "POST /api/bookings", "POST /api/payments/init",
                                     "POST /api/payments/webhook", "webhook answered until CONFIRMED is read"),
                          phases);
    }
}
