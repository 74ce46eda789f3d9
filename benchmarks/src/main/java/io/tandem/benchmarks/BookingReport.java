package io.tandem.benchmarks;

import io.tandem.benchmarks.BookingBenchmark.Result;
import io.tandem.benchmarks.EventAppends.Appends;
import io.tandem.benchmarks.EventAppends.Lags;
import io.tandem.benchmarks.InsertBaseline.Inserts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static io.tandem.benchmarks.Report.decimal;
import static io.tandem.benchmarks.Report.millis;
import static io.tandem.benchmarks.Report.percentile;

/** The tables of {@link BookingBenchmark}, each figure beside the single-row inserts of the same thread count. */
final class BookingReport {

    private BookingReport() {
    }

    static void print(List<Result> bookings, List<Appends> appends, List<Lags> lags, List<Inserts> baselines) {
        System.out.println();
        List<List<String>> rows = new ArrayList<>();
        for (Result result : bookings) {
            Inserts baseline = at(baselines, result.clients());
            rows.add(List.of("booking to CONFIRMED", String.valueOf(result.clients()), String.valueOf(result.count()),
                             millis(percentile(result.totals(), 0.5), 1),
                             millis(percentile(result.totals(), 0.99), 1), decimal(result.perSecond(), 1),
                             decimal(result.perSecond() / baseline.perSecond(), 4)));
        }
        for (Appends append : appends) {
            rows.add(List.of("trivial command (1 event)", String.valueOf(append.threads()),
                             String.valueOf(append.count()), "", "", decimal(append.perSecond(), 0),
                             decimal(append.perSecond() / at(baselines, append.threads()).perSecond(), 3)));
        }
        for (Inserts baseline : baselines) {
            rows.add(List.of("single-row INSERT transaction", String.valueOf(baseline.threads()),
                             String.valueOf(baseline.count()), millis(percentile(baseline.nanos(), 0.5), 2),
                             millis(percentile(baseline.nanos(), 0.99), 2), decimal(baseline.perSecond(), 0), "1"));
        }
        Report.printTable(1, List.of("workload", "clients", "count", "p50 ms", "p99 ms", "per second",
                                     "per second / inserts per second"), rows);

        double bestBookings = bookings.stream().mapToDouble(Result::perSecond).max().orElse(0);
        double bestAppends = appends.stream().mapToDouble(Appends::perSecond).max().orElse(0);
        double bestInserts = baselines.stream().mapToDouble(Inserts::perSecond).max().orElse(1);
        System.out.printf(Locale.ROOT, "Best levels: %.1f confirmed bookings/s, %.0f appends/s, %.0f inserts/s: "
                                       + "ratios %.4f and %.3f%n%n", bestBookings, bestAppends, bestInserts,
                          bestBookings / bestInserts, bestAppends / bestInserts);

        List<List<String>> lagRows = new ArrayList<>();
        for (Lags lag : lags) {
            lagRows.add(List.of(String.valueOf(lag.threads()), String.valueOf(lag.nanos().length),
                                millis(percentile(lag.nanos(), 0.5), 2), millis(percentile(lag.nanos(), 0.99), 2),
                                millis(lag.nanos()[lag.nanos().length - 1], 2)));
        }
        System.out.println("From a trivial command's commit until the vehicles read model shows it:");
        System.out.println();
        Report.printTable(0, List.of("threads", "commands", "p50 ms", "p99 ms", "max ms"), lagRows);

        System.out.println("Phases of a booking (p50 / p99 ms):");
        System.out.println();
        List<List<String>> phases = new ArrayList<>();
        for (Result result : bookings) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(result.clients())));
            for (long[] phase : result.phases()) {
                row.add(millis(percentile(phase, 0.5), 1) + " / " + millis(percentile(phase, 0.99), 1));
            }
            phases.add(row);
        }
        Report.printTable(0, List.of("clients", "POST /api/bookings", "POST /api/payments/init",
                                     "POST /api/payments/webhook", "webhook answered until CONFIRMED is read"),
                          phases);

        System.out.println("CPU time of the benchmark's JVM (clients, application, Elasticsearch; not PostgreSQL) per "
                           + "confirmed booking:");
        System.out.println();
        List<List<String>> cpu = new ArrayList<>();
        for (Result result : bookings) {
            cpu.add(List.of(String.valueOf(result.clients()), millis(result.cpuNanos() / result.count(), 1),
                            decimal(result.cpuNanos() / (double) result.wallNanos(), 2)));
        }
        Report.printTable(0, List.of("clients", "CPU ms per booking", "cores busy"), cpu);
    }

    /** The baseline of the same thread count, else the nearest. */
    private static Inserts at(List<Inserts> baselines, int threads) {
        return baselines.stream().min(Comparator.comparingInt(baseline -> Math.abs(baseline.threads() - threads)))
                        .orElseThrow();
    }
}
