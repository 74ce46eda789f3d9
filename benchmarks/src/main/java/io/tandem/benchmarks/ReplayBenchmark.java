package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.benchmarks.InsertBaseline.Inserts;
import io.tandem.benchmarks.ReplayDriver.Run;
import io.tandem.launcher.TandemApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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
 * Options: {@code --events=1000000}, {@code --configs=<list>} (default
 * {@code 16x1x1@50000,16x100x1,4x500x1+dlqcache,1x1000x1+dlqcache,1x1000x1+dlqcache+nometrics}:
 * segments x batch x threads; {@code +dlqcache} turns on the dead-letter queue's sequence cache, {@code +nometrics}
 * turns off Axon's per-message Micrometer monitors for the whole application; {@code @n} replays a
 * store of n events instead of {@code --events}: the store only grows, so list configurations by size),
 * {@code --warmup=10000} events replayed before each measured replay (a node that has run for a while is warm),
 * {@code --eta-at=10} seconds, {@code --inserts=3000} per thread count; {@code --tandem.}/{@code --spring.}
 * arguments go to the application.
 */
public final class ReplayBenchmark {

    private static final String ADMIN_EMAIL = "admin@bench.test";
    private static final String ADMIN_PASSWORD = "bench-pass-1";
    private static final String PROCESSOR = "airports";
    private static final String PROCESSORS = "/api/admin/processors";
    private static final String DEFAULT_CONFIGS = "16x1x1@50000,16x100x1,4x500x1+dlqcache,1x1000x1+dlqcache,"
                                                  + "1x1000x1+dlqcache+nometrics";

    private final int events;
    private final int warmup;
    private final List<String> configs;
    private final int etaAt;
    private final int inserts;
    private final List<String> applicationArguments;

    private ReplayBenchmark(BenchmarkArguments arguments) {
        this.events = arguments.option("events", 1_000_000);
        this.warmup = arguments.option("warmup", 10_000);
        this.configs = Arrays.asList(arguments.option("configs", DEFAULT_CONFIGS).split(","));
        this.etaAt = arguments.option("eta-at", 10);
        this.inserts = arguments.option("inserts", 3000);
        this.applicationArguments = arguments.application();
    }

    public static void main(String[] args) throws Exception {
        new ReplayBenchmark(BenchmarkArguments.parse(args)).run();
        System.exit(0);
    }

    /** A configuration to replay with, written {@code SxBxT[+dlqcache][+nometrics][@events]}. */
    private record Config(String name, int segments, int batch, int threads, boolean dlqCache, boolean metrics,
                          int events) {

        static Config parse(String text, int defaultEvents) {
            String[] sized = text.split("@");
            String name = sized[0];
            List<String> flags = List.of(name.split("\\+"));
            String[] numbers = flags.get(0).split("x");
            return new Config(name, Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]),
                              Integer.parseInt(numbers[2]), flags.contains("dlqcache"), !flags.contains("nometrics"),
                              sized.length > 1 ? Integer.parseInt(sized[1]) : defaultEvents);
        }

        List<String> arguments(String adminEmail, String adminPassword) {
            String processor = "--axon.eventhandling.processors." + PROCESSOR;
            return List.of("--tandem.admin.email=" + adminEmail, "--tandem.admin.password=" + adminPassword,
                           processor + ".initial-segment-count=" + segments, processor + ".batch-size=" + batch,
                           processor + ".thread-count=" + threads, processor + ".dlq.cache.enabled=" + dlqCache,
                           "--axon.metrics.auto-configuration.enabled=" + metrics);
        }
    }

    private void run() throws Exception {
        Report.printMachine();
        try (BenchmarkServers servers = BenchmarkServers.start("tandem-replay-benchmark-")) {
            List<Inserts> baselines = List.of();
            List<Run> runs = new ArrayList<>();
            int stored = 0;
            double copied = 0;
            for (int i = 0; i < configs.size(); i++) {
                Config config = Config.parse(configs.get(i), events);
                try (ConfigurableApplicationContext context = servers.run(TandemApplication.class,
                                                                          TandemApplication.PROFILES,
                                                                          config.arguments(ADMIN_EMAIL,
                                                                                           ADMIN_PASSWORD),
                                                                          applicationArguments)) {
                    HttpApi api = new HttpApi(BenchmarkServers.baseUrl(context));
                    HttpClient http = HttpApi.newClient();
                    String admin = api.login(http, ADMIN_EMAIL, ADMIN_PASSWORD);
                    if (i == 0) {
                        pauseEverything(api, http, admin);
                        // after the application's migrations, which refuse a schema with a table they do not know
                        baselines = InsertBaseline.measure(servers, inserts, 1, 4);
                    }
                    if (config.events() > stored) {
                        long nanos = SyntheticEvents.append(servers, stored, config.events() - stored);
                        copied = (config.events() - stored) / (nanos / 1e9);
                        System.out.printf(Locale.ROOT, "Appended %,d events by COPY in %.1f s (%,.0f events/s)%n",
                                          config.events() - stored, nanos / 1e9, copied);
                        stored = config.events();
                    }
                    awaitPaused(api, http, admin);
                    ReplayDriver driver = new ReplayDriver(api, http, admin, PROCESSOR);
                    long head = json(api.get(http, PROCESSORS, admin)).get("head_position").asLong();
                    driver.replay(config.name() + " warm-up", String.valueOf(Math.max(1, head - warmup)), etaAt);
                    runs.add(driver.replay(config.name(), "tail", etaAt));
                    expect(api.post(http, PROCESSORS + "/" + PROCESSOR + "/pause", admin,
                                    Map.of("reason", "benchmark: next configuration")), 202);
                    awaitPaused(api, http, admin);
                }
                if (i + 1 < configs.size()) {
                    respread(servers, Config.parse(configs.get(i + 1), events).segments());
                }
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

    /**
     * Between configurations, with the application stopped: the processor's tokens become {@code segments} tokens
     * (segment ids 0..n-1, as Axon numbers a power-of-two count), each a copy of segment 0's, which stands at the
     * head after the replay. So the next configuration starts caught up, with its own segment count.
     */
    private static void respread(BenchmarkServers servers, int segments) throws Exception {
        try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(),
                                                                 servers.password())) {
            connection.setAutoCommit(false);
            byte[] token;
            String type;
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT token, tokentype FROM tokenentry WHERE processorname = ? AND segment = 0")) {
                read.setString(1, PROCESSOR);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    token = row.getBytes(1);
                    type = row.getString(2);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM tokenentry WHERE processorname = ?")) {
                delete.setString(1, PROCESSOR);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp)"
                    + " VALUES (?, ?, ?, ?, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))")) {
                for (int segment = 0; segment < segments; segment++) {
                    insert.setString(1, PROCESSOR);
                    insert.setInt(2, segment);
                    insert.setBytes(3, token);
                    insert.setString(4, type);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
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
        rows.add(List.of("COPY into domainevententry", "", "", decimal(copied, 0),
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
