package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.benchmarks.InsertBaseline.Inserts;
import io.tandem.launcher.TandemApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static io.tandem.benchmarks.HttpApi.expect;
import static io.tandem.benchmarks.HttpApi.json;
import static io.tandem.benchmarks.Report.decimal;

/**
 * Replay throughput into a PostgreSQL read model, through the operations API exactly as an operator runs it: every
 * side in one JVM ({@link TandemApplication}) on a real PostgreSQL, a store filled by {@code COPY} with a million
 * airport registrations ({@link SyntheticEvents}), every processor paused, then a replay of the airports projection
 * from the tail for each processor configuration (segments x batch size x worker threads), restarting the
 * application between configurations. It reports events per second beside single-row insert transactions per
 * second measured in the same run, and checks the ETA the API shows 10 s into each replay against the real
 * remaining time. See docs/benchmarks.md.
 * <p>
 * Options: {@code --events=1000000}, {@code --configs=16x1x1,16x100x1,4x500x2} (segments x batch x threads),
 * {@code --eta-at=10} seconds, {@code --inserts=3000} per thread count; {@code --tandem.}/{@code --spring.}
 * arguments go to the application.
 */
public final class ReplayBenchmark {

    private static final String ADMIN_EMAIL = "admin@bench.test";
    private static final String ADMIN_PASSWORD = "bench-pass-1";
    private static final String PROCESSOR = "airports";
    private static final String PROCESSORS = "/api/admin/processors";

    private final int events;
    private final List<String> configs;
    private final int etaAt;
    private final int inserts;
    private final List<String> applicationArguments;

    private ReplayBenchmark(BenchmarkArguments arguments) {
        this.events = arguments.option("events", 1_000_000);
        this.configs = Arrays.asList(arguments.option("configs", "16x1x1,16x100x1,4x500x2").split(","));
        this.etaAt = arguments.option("eta-at", 10);
        this.inserts = arguments.option("inserts", 3000);
        this.applicationArguments = arguments.application();
    }

    public static void main(String[] args) throws Exception {
        new ReplayBenchmark(BenchmarkArguments.parse(args)).run();
        System.exit(0);
    }

    /** One replay: how long it took by the server's clock, and the ETA it showed {@code etaAt} seconds in. */
    private record Run(String config, long positions, double seconds, Double etaShown, double remainingThen) {

        double perSecond() {
            return positions / seconds;
        }

        double etaError() {
            return etaShown == null ? Double.NaN : (etaShown - remainingThen) / remainingThen;
        }
    }

    private void run() throws Exception {
        Report.printMachine();
        try (BenchmarkServers servers = BenchmarkServers.start("tandem-replay-benchmark-")) {
            List<Inserts> baselines = InsertBaseline.measure(servers, inserts, 1, 4);
            List<Run> runs = new ArrayList<>();
            double copied = 0;
            for (int i = 0; i < configs.size(); i++) {
                String[] config = configs.get(i).split("x");
                List<String> tuning = List.of(
                        "--tandem.admin.email=" + ADMIN_EMAIL, "--tandem.admin.password=" + ADMIN_PASSWORD,
                        "--axon.eventhandling.processors.airports.initial-segment-count=" + config[0],
                        "--axon.eventhandling.processors.airports.batch-size=" + config[1],
                        "--axon.eventhandling.processors.airports.thread-count=" + config[2]);
                try (ConfigurableApplicationContext context = servers.run(TandemApplication.class,
                                                                          TandemApplication.PROFILES, tuning,
                                                                          applicationArguments)) {
                    HttpApi api = new HttpApi(BenchmarkServers.baseUrl(context));
                    HttpClient http = HttpApi.newClient();
                    String admin = api.login(http, ADMIN_EMAIL, ADMIN_PASSWORD);
                    if (i == 0) {
                        pauseEverything(api, http, admin);
                        long nanos = SyntheticEvents.append(servers, events);
                        copied = events / (nanos / 1e9);
                        System.out.printf(Locale.ROOT, "Appended %,d events by COPY in %.1f s (%,.0f events/s)%n",
                                          events, nanos / 1e9, copied);
                    }
                    awaitPaused(api, http, admin);
                    runs.add(replay(api, http, admin, configs.get(i)));
                    expect(api.post(http, PROCESSORS + "/" + PROCESSOR + "/pause", admin,
                                    Map.of("reason", "benchmark: next configuration")), 202);
                    awaitPaused(api, http, admin);
                }
                forgetTokens(servers);
            }
            print(runs, baselines, copied);
        }
    }

    /** Pauses every processor, so only the replayed one reads the million events. */
    private static void pauseEverything(HttpApi api, HttpClient http, String admin) {
        for (JsonNode processor : json(api.get(http, PROCESSORS, admin)).get("processors")) {
            expect(api.post(http, PROCESSORS + "/" + processor.get("name").asText() + "/pause", admin,
                            Map.of("reason", "benchmark: only the replay reads the store")), 202);
        }
    }

    private static void awaitPaused(HttpApi api, HttpClient http, String admin) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode processor = null;
            for (JsonNode candidate : json(api.get(http, PROCESSORS, admin)).get("processors")) {
                if (candidate.get("name").asText().equals(PROCESSOR)) {
                    processor = candidate;
                }
            }
            boolean stopped = processor != null && processor.get("status").asText().equals("paused");
            if (stopped && processor.get("instances").findValues("running").stream().noneMatch(JsonNode::asBoolean)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(PROCESSOR + " did not pause within 60 s: " + processor);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private Run replay(HttpApi api, HttpClient http, String admin, String config) {
        String path = PROCESSORS + "/" + PROCESSOR + "/replays";
        var started = api.post(http, path, admin, Map.of("from", "tail", "reason", "benchmark " + config));
        expect(started, 202);
        String id = json(started).get("replay_id").asText();
        Instant seenReplaying = null;
        Double etaShown = null;
        Instant etaAtTime = null;
        while (true) {
            JsonNode status = json(api.get(http, path + "/" + id, admin));
            String state = status.get("state").asText();
            if (state.equals("FAILED")) {
                throw new IllegalStateException("replay failed: " + status);
            }
            if (state.equals("DONE")) {
                Instant since = Instant.parse(status.get("replaying_since").asText());
                Instant finished = Instant.parse(status.get("finished_at").asText());
                double seconds = Duration.between(since, finished).toMillis() / 1000.0;
                double remaining = etaAtTime == null ? Double.NaN
                        : Duration.between(etaAtTime, finished).toMillis() / 1000.0;
                System.out.printf(Locale.ROOT, "%s: %,d positions in %.1f s%n", config,
                                  status.get("replayed_positions").asLong(), seconds);
                return new Run(config, status.get("replayed_positions").asLong(), seconds, etaShown, remaining);
            }
            if (state.equals("REPLAYING") && seenReplaying == null) {
                seenReplaying = Instant.parse(status.get("replaying_since").asText());
            }
            if (seenReplaying != null && etaAtTime == null
                && Duration.between(seenReplaying, Instant.now()).toSeconds() >= etaAt) {
                JsonNode eta = status.path("progress").path("eta_seconds");
                etaShown = eta.isNumber() ? eta.asDouble() : null;
                etaAtTime = Instant.now();
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    /** Between configurations: the processor's segments are made again with the next segment count. */
    private static void forgetTokens(BenchmarkServers servers) throws Exception {
        try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(),
                                                                 servers.password());
             Statement sql = connection.createStatement()) {
            sql.executeUpdate("DELETE FROM tokenentry WHERE processorname = '" + PROCESSOR + "'");
        }
    }

    private void print(List<Run> runs, List<Inserts> baselines, double copied) {
        System.out.println();
        double oneClient = baselines.get(0).perSecond();
        List<List<String>> rows = new ArrayList<>();
        for (Run run : runs) {
            rows.add(List.of("replay " + PROCESSOR + " " + run.config(), String.valueOf(run.positions()),
                             decimal(run.seconds(), 1), decimal(run.perSecond(), 0),
                             decimal(run.perSecond() / oneClient, 2),
                             run.etaShown() == null ? "-" : decimal(run.etaShown(), 1),
                             decimal(run.remainingThen(), 1), decimal(100 * run.etaError(), 1) + " %"));
        }
        rows.add(List.of("COPY into domainevententry", String.valueOf(events), "", decimal(copied, 0),
                         decimal(copied / oneClient, 2), "", "", ""));
        for (Inserts baseline : baselines) {
            rows.add(List.of("single-row INSERT transaction, " + baseline.threads() + " client(s)",
                             String.valueOf(baseline.count()), decimal(baseline.wallNanos() / 1e9, 1),
                             decimal(baseline.perSecond(), 0), decimal(baseline.perSecond() / oneClient, 2), "", "",
                             ""));
        }
        Report.printTable(1, List.of("workload (segments x batch x threads)", "events", "seconds", "per second",
                                     "/ inserts per second (1 client)", "ETA at " + etaAt + " s",
                                     "real remaining s", "ETA error"), rows);
    }
}
