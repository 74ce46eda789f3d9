package io.tandem.platform.consistency;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tandem.api.consistency.ConsistencyQueries.AwaitProcessedQuery;
import io.tandem.api.consistency.ConsistencyQueries.ProcessedAnswer;
import io.tandem.api.consistency.ReadModels;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Read-your-own-write for the whole product: a write endpoint makes its write through this and answers only once
 * the read models its client reads next ({@link ReadModels}) show it, so a client that got 2xx can read what it
 * wrote at once, on any node.
 * <p>
 * After the write, the position of its events in the event store is known ({@link WritePositions}); then every
 * node is asked, through the query bus (scatter-gather), to answer once the named processors it runs have handled
 * that position ({@link ProcessedPositions}). All sides in one JVM answer locally; in services mode the query side
 * and the saga side answer for theirs over Axon Server.
 * <p>
 * The wait is bounded by {@code tandem.consistency.timeout} (5 s). The write has happened either way, so at the
 * bound the endpoint still answers with its success; the response then carries {@code Read-Your-Writes: pending}
 * instead of {@code visible}, a warning is logged and the {@code tandem.read_your_writes} timer counts it under
 * {@code outcome=pending}. Failing the request instead would invite the client to repeat a write that was made.
 */
public class ReadYourWrites {

    private static final String HEADER = "Read-Your-Writes";

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    /** Time for the last answers to travel back after the nodes' own deadline. */
    private static final long ANSWER_GRACE_MILLIS = 500;

    private final WritePositions positions;
    private final QueryGateway queries;
    private final EventStore eventStore;
    private final Duration timeout;
    private final Timer visible;
    private final Timer pending;

    ReadYourWrites(WritePositions positions, QueryGateway queries, EventStore eventStore, Duration timeout,
                   MeterRegistry meters) {
        this.positions = positions;
        this.queries = queries;
        this.eventStore = eventStore;
        this.timeout = timeout;
        this.visible = timer(meters, "visible");
        this.pending = timer(meters, "pending");
    }

    /** Makes the write, then waits until the read models show it; answers what the write answered. */
    public <R> R write(Supplier<R> write, String... readModels) {
        return written(write, readModels).result();
    }

    /**
     * Makes the write, then waits until the read models show it.
     *
     * @return whether they showed it within the timeout
     */
    public boolean write(Runnable write, String... readModels) {
        return written(() -> {
            write.run();
            return null;
        }, readModels).shown();
    }

    private <R> Written<R> written(Supplier<R> write, String... readModels) {
        WriteScope enclosing = WriteScope.current();
        if (enclosing != null) {
            enclosing.alsoShow(readModels);
            return new Written<>(write.get(), true);
        }
        R result;
        Optional<WritePosition> position;
        Set<String> shownIn;
        try (WriteScope scope = WriteScope.open(readModels)) {
            try {
                result = write.get();
                position = positions.of(scope);
                shownIn = scope.readModels();
            } finally {
                positions.forget(scope);
            }
        }
        boolean shown = position.map(at -> await(at, shownIn)).orElse(true);
        markResponse(shown);
        return new Written<>(result, shown);
    }

    /**
     * For a read that must not miss anything committed before it (a refusal, say): waits until the read models
     * have handled every event in the store now, at most the timeout.
     *
     * @return whether they have
     */
    public boolean catchUp(String... readModels) {
        OptionalLong head = TokenPositions.index(eventStore.createHeadToken());
        return head.isEmpty() || await(WritePosition.head(head.getAsLong()), Set.of(readModels));
    }

    private boolean await(WritePosition position, Set<String> readModels) {
        long started = System.nanoTime();
        Set<String> hosted = new HashSet<>();
        Set<String> reached = new HashSet<>();
        AwaitProcessedQuery query = new AwaitProcessedQuery(position.index(), position.includingEarlier(),
                                                            readModels, position.sequenceIds(), timeout.toMillis());
        try (Stream<ProcessedAnswer> answers = queries.scatterGather(
                query, ResponseTypes.instanceOf(ProcessedAnswer.class), timeout.toMillis() + ANSWER_GRACE_MILLIS,
                TimeUnit.MILLISECONDS)) {
            Iterator<ProcessedAnswer> each = answers.iterator();
            while (!reached.containsAll(readModels) && each.hasNext()) {
                ProcessedAnswer answer = each.next();
                hosted.addAll(answer.hosted());
                reached.addAll(answer.reached());
            }
        } catch (RuntimeException e) {
            log.warn("Cannot ask how far {} are", readModels, e);
        }
        boolean shown = reached.containsAll(readModels);
        (shown ? visible : pending).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (!shown && hosted.containsAll(readModels)) {
            log.warn("{} did not show the event at {} within {}; answering anyway", readModels, position.index(),
                     timeout);
        } else if (!shown) {
            log.debug("No node runs {} (of {}); answering without waiting for them", readModels, hosted);
        }
        return shown;
    }

    private static void markResponse(boolean shown) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletResponse response = attributes.getResponse();
            if (response != null && !response.isCommitted()) {
                response.setHeader(HEADER, shown ? "visible" : "pending");
            }
        }
    }

    private static Timer timer(MeterRegistry meters, String outcome) {
        return Timer.builder("tandem.read_your_writes")
                    .description("Waits of write endpoints until the read models show the write")
                    .tag("outcome", outcome)
                    .register(meters);
    }

    private record Written<R>(R result, boolean shown) {
    }
}
