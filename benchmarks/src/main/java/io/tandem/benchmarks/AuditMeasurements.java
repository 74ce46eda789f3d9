package io.tandem.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static io.tandem.benchmarks.HttpApi.expect;
import static io.tandem.benchmarks.HttpApi.json;
import static io.tandem.benchmarks.Report.decimal;
import static io.tandem.benchmarks.Report.millis;
import static io.tandem.benchmarks.Report.percentile;

/**
 * Times each audit workload from one client, one request at a time (latency, not throughput), each request beside
 * the raw query for the same rows on a JDBC connection of its own, and prints the Markdown tables.
 */
final class AuditMeasurements {

    private final HttpApi api;
    private final String admin;
    private final Connection raw;
    private final int warmup;
    private final int requests;
    private final int history;
    private final HttpClient http = HttpApi.newClient();
    private final Random random = new Random(14);
    private final List<List<String>> rows = new ArrayList<>();

    AuditMeasurements(HttpApi api, String admin, Connection raw, int warmup, int requests, int history) {
        this.api = api;
        this.admin = admin;
        this.raw = raw;
        this.warmup = warmup;
        this.requests = requests;
        this.history = history;
    }

    void measure(List<String> traces, long links) throws SQLException {
        Instant newest = Instant.now().minusSeconds(60);
        time("history: a page of 100 of " + history + " events", requests,
             i -> AuditCases.historyPage(random, history));
        time("history: all " + history + " events as NDJSON", Math.max(20, requests / 25),
             i -> AuditCases.wholeHistory());
        time("trace of a booking (placement and payment)", requests,
             i -> AuditCases.trace(traces.get(i % traces.size())));
        time("search over the index (mixed filters)", requests * 2, i -> AuditCases.search(random, newest));
        Report.printTable(1, List.of("workload", "count", "p50 ms", "p99 ms", "raw SQL p50 ms", "raw SQL p99 ms",
                                     "p99 / raw p99"), rows);
        verify(links);
    }

    private void time(String name, int count, Function<Integer, AuditCases> cases) throws SQLException {
        for (int i = 0; i < warmup; i++) {
            AuditCases warm = cases.apply(i);
            expect(api.get(http, warm.path(), admin), 200);
            query(warm);
        }
        long[] api = new long[count];
        long[] sql = new long[count];
        for (int i = 0; i < count; i++) {
            AuditCases next = cases.apply(i);
            long started = System.nanoTime();
            HttpResponse<String> answer = this.api.get(http, next.path(), admin);
            api[i] = System.nanoTime() - started;
            expect(answer, 200);
            started = System.nanoTime();
            query(next);
            sql[i] = System.nanoTime() - started;
        }
        Arrays.sort(api);
        Arrays.sort(sql);
        rows.add(List.of(name, String.valueOf(count), millis(percentile(api, 0.5), 1), millis(percentile(api, 0.99), 1),
                         millis(percentile(sql, 0.5), 2), millis(percentile(sql, 0.99), 2),
                         decimal((double) percentile(api, 0.99) / percentile(sql, 0.99), 1)));
        System.out.printf(Locale.ROOT, "%s: done%n", name);
    }

    /** Reads every row and every column's bytes, as a client would to use them. */
    private long query(AuditCases query) throws SQLException {
        try (PreparedStatement statement = raw.prepareStatement(query.sql())) {
            for (int i = 0; i < query.params().length; i++) {
                statement.setObject(i + 1, query.params()[i]);
            }
            return consume(statement);
        }
    }

    private static long consume(PreparedStatement statement) throws SQLException {
        long rows = 0;
        try (ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int column = 1; column <= columns; column++) {
                    result.getBytes(column);
                }
                rows++;
            }
        }
        return rows;
    }

    private void verify(long links) throws SQLException {
        List<List<String>> verifyRows = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            long started = System.nanoTime();
            HttpResponse<String> answer = api.post(http, "/api/admin/audit/verify", admin, Map.of());
            double seconds = (System.nanoTime() - started) / 1e9;
            expect(answer, 200);
            if (!json(answer).get("ok").asBoolean()) {
                throw new IllegalStateException("verify failed: " + answer.body());
            }
            long checked = json(answer).get("checked").asLong();
            double rawPerSecond = rawReadPerSecond();
            verifyRows.add(List.of("verify, run " + run, String.valueOf(checked), decimal(seconds, 2),
                                   decimal(checked / seconds, 0), decimal(rawPerSecond, 0),
                                   decimal(checked / seconds / rawPerSecond, 2)));
        }
        System.out.printf(Locale.ROOT, "Chain: %d links%n%n", links);
        Report.printTable(1, List.of("workload", "events", "seconds", "events/s", "raw SQL read events/s",
                                     "events/s / raw"), verifyRows);
    }

    /** A raw read of every stored event, page by page in global order with every column, in events per second. */
    private double rawReadPerSecond() throws SQLException {
        long started = System.nanoTime();
        long read = 0;
        long next = 0;
        try (PreparedStatement page = raw.prepareStatement(AuditCases.allEventsPage())) {
            while (true) {
                page.setLong(1, next);
                long got = 0;
                long last = next;
                try (ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        last = result.getLong(1);
                        for (int column = 2; column <= 10; column++) {
                            result.getBytes(column);
                        }
                        got++;
                    }
                }
                read += got;
                if (got < 2000) {
                    break;
                }
                next = last + 1;
            }
        }
        return read / ((System.nanoTime() - started) / 1e9);
    }
}
