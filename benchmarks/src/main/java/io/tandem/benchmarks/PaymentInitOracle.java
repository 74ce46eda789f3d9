package io.tandem.benchmarks;

import io.tandem.api.booking.BookingNumber;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.tandem.benchmarks.Report.millis;
import static io.tandem.benchmarks.Report.percentile;

/**
 * Security review M8: {@code POST /api/payments/init} must not tell, by its answer or by how long it takes, whether a
 * booking number exists. One traveller asks for an unknown number, another traveller's booking and their own, in
 * turn (so the machine's drift falls on all three alike), and the answers and their times are printed side by side.
 */
final class PaymentInitOracle {

    private PaymentInitOracle() {
    }

    static void measure(HttpApi api, String token, String ownBooking, String othersBooking, int rounds) {
        HttpClient http = HttpApi.newClient();
        List<String> names = List.of("well-formed unknown number", "another traveller's booking", "own unpaid booking");
        long[][] nanos = new long[3][rounds];
        int[][] statuses = new int[3][rounds];
        for (int round = 0; round < rounds; round++) {
            List<String> numbers = List.of(BookingNumber.next(), othersBooking, ownBooking);
            for (int kind = 0; kind < 3; kind++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = api.post(http, "/api/payments/init", token,
                                                       Map.of("booking_number", numbers.get(kind)));
                nanos[kind][round] = System.nanoTime() - start;
                statuses[kind][round] = answer.statusCode();
            }
        }
        System.out.printf(Locale.ROOT, "%n`POST /api/payments/init`, %d rounds (one request of each kind per round):%n",
                          rounds);
        List<List<String>> rows = new ArrayList<>();
        for (int kind = 0; kind < 3; kind++) {
            long[] sorted = nanos[kind].clone();
            Arrays.sort(sorted);
            String answers = Arrays.stream(statuses[kind]).distinct().sorted().mapToObj(String::valueOf)
                                   .reduce((a, b) -> a + ", " + b).orElse("");
            rows.add(List.of(names.get(kind), answers, millis(percentile(sorted, 0.5), 2),
                             millis(percentile(sorted, 0.99), 2), millis(sorted[sorted.length - 1], 2)));
        }
        Report.printTable(2, List.of("booking number", "HTTP status", "p50 ms", "p99 ms", "max ms"), rows);
    }
}
