package io.tandem.benchmarks;

import io.tandem.benchmarks.HttpApi.User;
import io.tandem.benchmarks.InsertBaseline.Inserts;
import io.tandem.launcher.TandemApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.tandem.benchmarks.HttpApi.expect;
import static io.tandem.benchmarks.HttpApi.json;
import static io.tandem.benchmarks.Report.decimal;
import static io.tandem.benchmarks.Report.millis;
import static io.tandem.benchmarks.Report.percentile;

/**
 * The couple chat over real WebSockets, in one JVM: a real PostgreSQL (durable commits) and Elasticsearch node,
 * every side ({@link TandemApplication}) on a random port, couples made over REST, and for each couple the sender's
 * and the partner's STOMP connections. Measures from SEND until the partner's socket receives the message on the
 * room topic, and until the sender's acknowledgement: one message at a time in one couple, then several couples
 * sending at once with a window of unacknowledged messages each. The baseline is a single-row INSERT transaction
 * into a scratch table of the same PostgreSQL. See docs/benchmarks.md.
 * <p>
 * Options: {@code --messages=1000} one at a time, {@code --warmup=200}, {@code --couples=4} sending at once,
 * {@code --load=4000} messages they send in all, {@code --window=8} unacknowledged messages per sender,
 * {@code --inserts=3000} per thread count; arguments starting {@code --tandem.} or {@code --spring.} go to the
 * application.
 */
public final class ChatBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "secret123";
    /** The chat's rate limit (a burst of 10, then 2 a second per sender) would refuse a benchmark's pace. */
    private static final List<String> NO_RATE_LIMIT = List.of("--tandem.chat.rate-limit.burst=1000000",
                                                              "--tandem.chat.rate-limit.per-second=1000000");

    private final int messages;
    private final int warmup;
    private final int couples;
    private final int load;
    private final int window;
    private final int inserts;
    private final List<String> applicationArguments;

    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<ChatSocket> senders = new ArrayList<>();
    private final List<ChatSocket> sockets = new ArrayList<>();
    /** The batch being sent: the sockets' listeners record into it. */
    private volatile ChatBatch batch;
    private HttpApi api;

    private ChatBenchmark(BenchmarkArguments arguments) {
        this.applicationArguments = arguments.application();
        this.messages = arguments.option("messages", 1000);
        this.warmup = arguments.option("warmup", 200);
        this.couples = Math.max(1, arguments.option("couples", 4));
        this.load = arguments.option("load", 4000);
        this.window = arguments.option("window", 8);
        this.inserts = arguments.option("inserts", 3000);
    }

    public static void main(String[] args) throws Exception {
        new ChatBenchmark(BenchmarkArguments.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Report.printMachine();
        try (BenchmarkServers servers = BenchmarkServers.start("tandem-chat-benchmark-");
             ConfigurableApplicationContext context = servers.run(TandemApplication.class,
                                                                  TandemApplication.PROFILES, NO_RATE_LIMIT,
                                                                  applicationArguments)) {
            String baseUrl = BenchmarkServers.baseUrl(context);
            api = new HttpApi(baseUrl);
            try {
                connect(baseUrl.replaceFirst("^http", "ws") + "/ws");
                sendOneAtATime("warm-up, one at a time", warmup);
                ChatBatch oneAtATime = sendOneAtATime("one at a time", messages);
                sendAtOnce("warm-up, at once", warmup);
                ChatBatch atOnce = sendAtOnce("at once", load);
                print(oneAtATime, atOnce, InsertBaseline.measure(servers, inserts, 1, 4));
            } finally {
                sockets.forEach(ChatSocket::close);
            }
        }
    }

    // --- set-up: couples and their sockets ---

    /** Makes the couples over REST and connects both partners of each; the first sends, the second receives. */
    private void connect(String webSocketUrl) {
        HttpClient http = HttpApi.newClient();
        for (int c = 0; c < couples; c++) {
            User sender = api.signUp(http, "sender-" + c + "@bench.test", PASSWORD, "Sender " + c);
            User partner = api.signUp(http, "partner-" + c + "@bench.test", PASSWORD, "Partner " + c);
            HttpResponse<String> invite = api.post(http, "/api/couple/invite", sender.token(), Map.of());
            expect(invite, 201);
            HttpResponse<String> matched = api.post(http, "/api/couple/match", partner.token(),
                                                    Map.of("code", json(invite).get("code").asText()));
            expect(matched, 200);
            String coupleId = json(matched).get("couple_id").asText();
            // the room admits the partners once the read side knows their couple
            awaitCoupleKnown(http, sender);
            awaitCoupleKnown(http, partner);
            int number = c;
            ChatSocket sending = ChatSocket.connect(
                    webSocketUrl, sender.token(), coupleId, (frame, nanos) -> {
                        // the sender's own copy of the room: a real app is subscribed, so it is delivered, not timed
                    }, (ack, nanos) -> batch.acknowledged(number, ack, nanos), this::fail);
            sockets.add(sending);
            senders.add(sending);
            sockets.add(ChatSocket.connect(webSocketUrl, partner.token(), coupleId,
                                           (frame, nanos) -> batch.delivered(frame, nanos),
                                           (ack, nanos) -> fail("the partner got an ack: " + ack), this::fail));
        }
        System.out.printf(Locale.ROOT, "Linked %d couples and connected %d sockets%n%n", couples, sockets.size());
    }

    private void awaitCoupleKnown(HttpClient http, User user) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (api.get(http, "/api/couple/info", user.token()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the read side did not know the couple within " + WAIT);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private void fail(String reason) {
        failure.compareAndSet(null, reason);
    }

    // --- sending ---

    /** The first couple's sender sends a message and waits for its ack and its delivery before the next. */
    private ChatBatch sendOneAtATime(String name, int count) throws InterruptedException {
        ChatBatch current = new ChatBatch(name, count, couples, 1);
        batch = current;
        ChatSocket sender = senders.get(0);
        for (int i = 0; i < count; i++) {
            current.sent[i] = System.nanoTime();
            sender.send(current.text(i), current.text(i));
            awaitArrivals(current, 2);
        }
        report(current, 1);
        return current;
    }

    /** Every couple's sender sends at once, as fast as its window of unacknowledged messages lets it. */
    private ChatBatch sendAtOnce(String name, int count) throws InterruptedException {
        ChatBatch current = new ChatBatch(name, count, couples, window);
        batch = current;
        Parallel.run("chat-sender", couples, count, sender -> sender, (sender, i) -> {
            while (!current.windows[sender].tryAcquire(100, TimeUnit.MILLISECONDS)) {
                checkNoFailure(current);
            }
            current.sent[i] = System.nanoTime();
            senders.get(sender).send(current.text(i), current.text(i));
        });
        await(current, current.deliveries);
        await(current, current.acks);
        report(current, couples);
        return current;
    }

    private void awaitArrivals(ChatBatch current, int permits) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!current.arrivals.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
            checkNoFailure(current);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(current.name + ": no ack or delivery within " + WAIT);
            }
        }
    }

    private void await(ChatBatch current, CountDownLatch latch) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!latch.await(100, TimeUnit.MILLISECONDS)) {
            checkNoFailure(current);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(current.name + ": " + latch.getCount() + " acks or deliveries "
                                                + "missing after " + WAIT);
            }
        }
    }

    private void checkNoFailure(ChatBatch current) {
        if (failure.get() != null) {
            throw new IllegalStateException(current.name + " failed: " + failure.get());
        }
    }

    private static void report(ChatBatch finished, int couples) {
        if (finished.sent.length == 0) {
            return;
        }
        long[] delivered = finished.sortedLatencies(finished.delivered);
        long[] ackToDelivery = finished.sortedAckToDelivery();
        System.out.printf(Locale.ROOT, "%s, %d couple(s): %d messages in %.1f s; SEND until delivered (ms) min %s, "
                                       + "p10 %s, p50 %s, p90 %s, p99 %s, max %s; ack until delivered p50 %s, p99 %s%n",
                          finished.name, couples, finished.sent.length, finished.wallNanos() / 1e9,
                          millis(delivered[0], 2), millis(percentile(delivered, 0.1), 2),
                          millis(percentile(delivered, 0.5), 2), millis(percentile(delivered, 0.9), 2),
                          millis(percentile(delivered, 0.99), 2), millis(delivered[delivered.length - 1], 2),
                          millis(percentile(ackToDelivery, 0.5), 2), millis(percentile(ackToDelivery, 0.99), 2));
    }

    // --- report ---

    private void print(ChatBatch oneAtATime, ChatBatch atOnce, List<Inserts> baselines) {
        Inserts single = baselines.get(0);
        Inserts four = baselines.get(1);
        System.out.println();
        Report.printTable(1, List.of("workload", "clients", "count", "p50 ms", "p99 ms", "per second",
                                     "p50 / INSERT p50", "per second / INSERTs per second"), List.of(
                row("message, SEND until the partner receives it, one at a time", 1, oneAtATime,
                    oneAtATime.delivered, single, true),
                row("message, SEND until the sender's ack, one at a time", 1, oneAtATime, oneAtATime.acked,
                    single, false),
                row("messages, SEND until the partner receives it, " + couples + " couples at once (window "
                    + window + ")", couples, atOnce, atOnce.delivered, four, true),
                row("messages, SEND until the sender's ack, " + couples + " couples at once (window " + window
                    + ")", couples, atOnce, atOnce.acked, four, false),
                baseline(single), baseline(four)));
    }

    /** A chat row; messages per second only for deliveries, the ratios against the insert row of equal clients. */
    private static List<String> row(String workload, int clients, ChatBatch finished, long[] arrived, Inserts baseline,
                                    boolean perSecond) {
        long[] latencies = finished.sortedLatencies(arrived);
        long p50 = percentile(latencies, 0.5);
        return List.of(workload, String.valueOf(clients), String.valueOf(finished.sent.length), millis(p50, 2),
                       millis(percentile(latencies, 0.99), 2),
                       perSecond ? decimal(finished.deliveredPerSecond(), 0) : "",
                       decimal((double) p50 / percentile(baseline.nanos(), 0.5), 2),
                       perSecond ? decimal(finished.deliveredPerSecond() / baseline.perSecond(), 3) : "");
    }

    private static List<String> baseline(Inserts inserts) {
        return List.of("single-row INSERT transaction", String.valueOf(inserts.threads()),
                       String.valueOf(inserts.count()), millis(percentile(inserts.nanos(), 0.5), 2),
                       millis(percentile(inserts.nanos(), 0.99), 2), decimal(inserts.perSecond(), 0), "1", "1");
    }
}
