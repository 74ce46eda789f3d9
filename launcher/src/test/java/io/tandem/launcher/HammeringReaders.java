package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.ApiClient;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readers of a traveller's bookings over HTTP, as fast as they can on several threads until closed: each read lists
 * the bookings and fetches one of them. A read that fails is an error; one that misses a booking is an empty read.
 */
final class HammeringReaders implements AutoCloseable {

    private final ApiClient traveller;
    private final List<String> numbers;
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong reads = new AtomicLong();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<String> emptyReads = new ConcurrentLinkedQueue<>();

    HammeringReaders(TravellerBookings bookings, int count) {
        this.traveller = bookings.traveller();
        this.numbers = bookings.numbers();
        this.threads = Executors.newFixedThreadPool(count);
        for (int i = 0; i < count; i++) {
            int first = i;
            threads.execute(() -> read(first));
        }
    }

    private void read(int first) {
        for (int i = first; running.get(); i++) {
            String number = numbers.get(i % numbers.size());
            ApiResponse list = traveller.get("/api/bookings?size=100");
            ApiResponse one = traveller.get("/api/bookings/" + number);
            if (list.status() != 200 || one.status() != 200) {
                errors.add(list.status() + "/" + one.status() + ": " + list.body() + " " + one.body());
            } else if (!listed(list.json()) || !number.equals(one.json().path("booking_number").asText())) {
                emptyReads.add(list.body() + " " + one.body());
            }
            reads.incrementAndGet();
        }
    }

    private boolean listed(JsonNode page) {
        List<String> listed = page.path("bookings").findValuesAsText("booking_number");
        return page.path("total_elements").asLong() == numbers.size() && listed.containsAll(numbers);
    }

    long reads() {
        return reads.get();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<String> emptyReads() {
        return List.copyOf(emptyReads);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }
}
