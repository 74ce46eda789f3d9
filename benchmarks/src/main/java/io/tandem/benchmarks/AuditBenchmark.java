package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.launcher.TandemApplication;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static io.tandem.benchmarks.HttpApi.expect;
import static io.tandem.benchmarks.HttpApi.json;

/**
 * The audit trail's reads under a large event store, in one JVM (every side, events in PostgreSQL): real bookings
 * placed and paid through the API for the traces, then by SQL an aggregate with a long history, a few hundred
 * thousand more stored events for the hash chain, and a million event-index rows. Every processor is paused first,
 * so nothing else works meanwhile. Each request is timed beside the raw PostgreSQL query for the same rows, in the
 * same run; verify is measured in events per second beside a raw read of every stored event. See docs/benchmarks.md.
 * <p>
 * Options: {@code --history=10000}, {@code --chain=300000} stored events, {@code --index=1000000} rows,
 * {@code --bookings=20}, {@code --requests=500} per workload (searches twice as many), {@code --warmup=50}.
 */
public final class AuditBenchmark {

    static final String ADMIN_EMAIL = "admin@bench.test";
    static final String ADMIN_PASSWORD = "bench-pass-1";

    private final BenchmarkArguments arguments;
    private final int history;
    private final int requests;
    private final int warmup;

    private AuditBenchmark(BenchmarkArguments arguments) {
        this.arguments = arguments;
        this.history = arguments.option("history", 10_000);
        this.requests = arguments.option("requests", 500);
        this.warmup = arguments.option("warmup", 50);
    }

    public static void main(String[] args) throws Exception {
        new AuditBenchmark(BenchmarkArguments.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Report.printMachine();
        try (BenchmarkServers servers = BenchmarkServers.start("tandem-audit-benchmark-");
             BootpayLoopbackServer bootpay = new BootpayLoopbackServer()) {
            List<String> bench = List.of(
                    "--tandem.admin.email=" + ADMIN_EMAIL, "--tandem.admin.password=" + ADMIN_PASSWORD,
                    "--tandem.bootpay.base-url=" + bootpay.baseUrl(),
                    "--tandem.bootpay.application-id=" + BootpayLoopbackServer.APPLICATION_ID,
                    "--tandem.bootpay.private-key=" + BootpayLoopbackServer.PRIVATE_KEY,
                    "--tandem.bootpay.client-application-id=bench",
                    "--tandem.audit.export.max-events=" + Math.max(100_000, history),
                    // one traveller books and pays for every audited booking, faster than a person would
                    "--tandem.rate-limit.booking-user=1000000/1m",
                    "--tandem.rate-limit.payment-user=1000000/1m");
            try (ConfigurableApplicationContext context = servers.run(TandemApplication.class,
                                                                      TandemApplication.PROFILES, bench,
                                                                      arguments.application());
                 Connection raw = DriverManager.getConnection(servers.jdbcUrl(), servers.username(),
                                                              servers.password())) {
                HttpApi api = new HttpApi(BenchmarkServers.baseUrl(context));
                HttpClient http = HttpApi.newClient();
                String admin = api.login(http, ADMIN_EMAIL, ADMIN_PASSWORD);
                List<String> traces = new AuditBookings(api, bootpay).placeAndPay(http, arguments.option("bookings",
                                                                                                          20));
                awaitIndexed(api, http, admin, traces);
                pauseProcessors(api, http, admin);
                System.out.println("Writing the data by SQL:");
                AuditData.history(raw, AuditData.HISTORY_AGGREGATE, history);
                AuditData.volume(raw, arguments.option("chain", 300_000));
                AuditData.index(raw, arguments.option("index", 1_000_000));
                long linked = awaitChain(api, http, admin);
                new AuditMeasurements(api, admin, raw, warmup, requests, history).measure(traces, linked);
            }
        }
    }

    private static void awaitIndexed(HttpApi api, HttpClient http, String admin, List<String> traces) {
        for (String correlation : traces) {
            awaitTrue(Duration.ofSeconds(60), "trace " + correlation, () -> {
                HttpResponse<String> trace = api.get(http, "/api/admin/audit/traces/" + correlation, admin);
                return trace.statusCode() == 200 && !json(trace).get("related").isEmpty();
            });
        }
        System.out.printf(Locale.ROOT, "%d bookings placed, paid, confirmed and indexed%n", traces.size());
    }

    /** Nothing but the audit trail works while it is measured: every processor is paused on this node. */
    private static void pauseProcessors(HttpApi api, HttpClient http, String admin) {
        HttpResponse<String> board = api.get(http, "/api/admin/processors", admin);
        expect(board, 200);
        List<String> names = new ArrayList<>();
        json(board).get("processors").forEach(processor -> names.add(processor.get("name").asText()));
        for (String name : names) {
            expect(api.post(http, "/api/admin/processors/" + name + "/pause", admin,
                            Map.of("reason", "audit benchmark")), 202);
        }
        awaitTrue(Duration.ofSeconds(30), "processors paused", () -> {
            JsonNode processors = json(api.get(http, "/api/admin/processors", admin)).get("processors");
            for (JsonNode processor : processors) {
                if (!"paused".equals(processor.get("status").asText())) {
                    return false;
                }
            }
            return true;
        });
        System.out.printf(Locale.ROOT, "Paused %d processors%n", names.size());
    }

    /** Waits until the chain covers every stored event; answers how many links it holds. */
    private static long awaitChain(HttpApi api, HttpClient http, String admin) {
        long started = System.nanoTime();
        awaitTrue(Duration.ofMinutes(30), "the hash chain", () -> json(api.get(http, "/api/admin/audit/chain",
                                                                                admin)).get("behind").asLong() == 0);
        long links = json(api.get(http, "/api/admin/audit/chain", admin)).get("links").asLong();
        System.out.printf(Locale.ROOT, "The chain covers all %d stored events (%.1f s after the data was written; "
                                       + "it links them while the index rows are inserted)%n%n",
                          links, (System.nanoTime() - started) / 1e9);
        return links;
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void awaitTrue(Duration patience, String what, Check check) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (!check.done()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Gave up waiting for " + what);
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bookings whose placements are the traces timed: one flight, one traveller, each booking paid at once. */
    record AuditBookings(HttpApi api, BootpayLoopbackServer bootpay) {

        List<String> placeAndPay(HttpClient http, int count) {
            String admin = api.login(http, ADMIN_EMAIL, ADMIN_PASSWORD);
            LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(10);
            HttpResponse<String> created = api.post(http, "/api/admin/flights-with-schedules", admin, Map.of(
                    "flight", Map.of("flight_number", "7C777", "airline", "Jeju Air", "origin", "GMP",
                                     "destination", "CJU", "seat_map", Map.of("aircraft", "B737", "sections", List.of(
                                    Map.of("cabin", "ECONOMY", "from_row", 1, "to_row", 30, "letters", "ABCDEF")))),
                    "schedules", List.of(Map.of("departure_local", day + "T08:00", "arrival_local", day + "T09:10",
                                                "base_fares", Map.of("ECONOMY", 80_000)))));
            expect(created, 201);
            String schedule = json(created).get("schedule_ids").get(0).asText();
            String traveller = api.signUp(http, "audited@bench.test", "secret123", "Audited").token();
            List<String> placements = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HttpResponse<String> placed = api.post(http, "/api/bookings", traveller, Map.of(
                        "schedule_id", schedule, "seat_id", (i / 6 + 1) + "ABCDEF".substring(i % 6, i % 6 + 1),
                        "passengers", List.of(Map.of("name", "Kim Bench", "birth_date", "1990-05-05",
                                                     "phone", "010-2222-3333"))));
                expect(placed, 201);
                String number = json(placed).get("booking_number").asText();
                placements.add(placed.headers().firstValue("X-Correlation-Id").orElseThrow());
                expect(api.post(http, "/api/payments/init", traveller, Map.of("booking_number", number)), 200);
                String receipt = bootpay.createPayment(number, 80_000, BootpayLoopbackServer.PAID);
                expect(api.post(http, "/api/payments/attach-booking", traveller, Map.of(
                        "booking_number", number, "receipt_id", receipt)), 200);
            }
            return placements;
        }
    }
}
