package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * One batch of messages, numbered from 0: a message's text and client id are the batch's name and its number,
 * which is how acks and deliveries find their send time.
 */
final class ChatBatch {

    final String name;
    final long[] sent;
    final long[] acked;
    final long[] delivered;
    final CountDownLatch acks;
    final CountDownLatch deliveries;
    /** Per sender, how many more messages it may send before an ack comes back. */
    final Semaphore[] windows;
    /** A permit for each ack and each delivery. */
    final Semaphore arrivals = new Semaphore(0);

    ChatBatch(String name, int count, int senders, int window) {
        this.name = name;
        sent = new long[count];
        acked = new long[count];
        delivered = new long[count];
        acks = new CountDownLatch(count);
        deliveries = new CountDownLatch(count);
        windows = new Semaphore[senders];
        Arrays.setAll(windows, sender -> new Semaphore(window));
    }

    String text(int number) {
        return name + ":" + number;
    }

    /** The message's number, or -1 for a message of another batch. */
    int number(String text) {
        return text.startsWith(name + ":") ? Integer.parseInt(text.substring(name.length() + 1)) : -1;
    }

    void acknowledged(int sender, JsonNode ack, long nanos) {
        int number = number(ack.path("client_message_id").asText());
        if (number >= 0 && acked[number] == 0) {
            acked[number] = nanos;
            acks.countDown();
            windows[sender].release();
            arrivals.release();
        }
    }

    void delivered(JsonNode frame, long nanos) {
        int number = "message".equals(frame.path("type").asText()) ? number(frame.path("text").asText()) : -1;
        if (number >= 0 && delivered[number] == 0) {
            delivered[number] = nanos;
            deliveries.countDown();
            arrivals.release();
        }
    }

    long[] sortedLatencies(long[] arrived) {
        return sortedDifferences(sent, arrived);
    }

    /** Per message, from its ack until the partner had it: negative where the delivery came first. */
    long[] sortedAckToDelivery() {
        return sortedDifferences(acked, delivered);
    }

    private static long[] sortedDifferences(long[] from, long[] to) {
        long[] differences = new long[from.length];
        Arrays.setAll(differences, i -> to[i] - from[i]);
        Arrays.sort(differences);
        return differences;
    }

    /** From the first send to the last delivery. */
    long wallNanos() {
        return Arrays.stream(delivered).max().orElse(0) - Arrays.stream(sent).min().orElse(0);
    }

    double deliveredPerSecond() {
        return sent.length / (wallNanos() / 1e9);
    }
}
