package io.tandem.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What the benchmarks print: the machine, percentiles and Markdown tables ready for docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    /** The value below which the fraction {@code p} of the {@code sorted} values lie (nearest rank, rounded down). */
    static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }

    static String millis(long nanos, int decimals) {
        return decimal(nanos / 1e6, decimals);
    }

    static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A table whose first {@code leftAligned} columns are text and the rest numbers, then an empty line. */
    static void printTable(int leftAligned, List<String> header, List<List<String>> rows) {
        System.out.println(row(header));
        StringBuilder rule = new StringBuilder("|");
        for (int column = 0; column < header.size(); column++) {
            rule.append(column < leftAligned ? "---|" : "---:|");
        }
        System.out.println(rule);
        rows.forEach(row -> System.out.println(row(row)));
        System.out.println();
    }

    private static String row(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        for (String cell : cells) {
            row.append(cell.isEmpty() ? " |" : " " + cell + " |");
        }
        return row.toString();
    }

    static void printMachine() {
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
        printLoad("at the start");
    }

    /** CPU time this JVM has used so far, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The load averages over 1, 5 and 15 minutes: how busy the machine was besides the benchmark. */
    static void printLoad(String when) {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            System.out.printf(Locale.ROOT, "Load average %s: %s %s %s%n", when, load[0], load[1], load[2]);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
    }
}
