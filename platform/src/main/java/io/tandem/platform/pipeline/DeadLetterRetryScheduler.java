package io.tandem.platform.pipeline;

import io.tandem.platform.jdbc.DatabaseUnavailable;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retries dead letters whose time has come ({@link DeadLetterDiagnostics#isDue}), on every node every
 * {@code tandem.dead-letters.retry-poll-interval}. Nodes sharing the database take turns per processing group: a
 * round holds the group's PostgreSQL advisory lock in its transaction, and Axon's claim on the sequence
 * ({@code processingstarted}) keeps a sequence from being retried twice even past that.
 */
public final class DeadLetterRetryScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetryScheduler.class);
    /** Sequences a node retries per group and round, so one busy group cannot hold the others up for long. */
    private static final int SEQUENCES_PER_ROUND = 50;

    private final DeadLetterProcessors processors;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final DeadLetterProperties properties;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

    DeadLetterRetryScheduler(DeadLetterProcessors processors, TransactionTemplate transactions, JdbcClient jdbc,
                             DeadLetterProperties properties, Clock clock) {
        this.processors = processors;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Retries what is due now in every group; returns how many sequences it tried. */
    public int retryDue() {
        int tried = 0;
        for (Map.Entry<String, SequencedDeadLetterProcessor<EventMessage<?>>> group : processors.all().entrySet()) {
            try {
                tried += retryDue(group.getKey(), group.getValue());
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.isCauseOf(e)) {
                    log.warn("No dead letters retried: the database is not answering ({})", e.getMessage());
                    break; // the other groups would only wait for it too
                }
                log.warn("Retrying the dead letters of {} failed; trying again in {}", group.getKey(),
                         properties.retryPollInterval(), e);
            }
        }
        return tried;
    }

    private int retryDue(String group, SequencedDeadLetterProcessor<EventMessage<?>> processor) {
        Set<String> tried = new HashSet<>();
        Instant now = clock.instant();
        for (int round = 0; round < SEQUENCES_PER_ROUND; round++) {
            int before = tried.size();
            Boolean locked = transactions.execute(status -> {
                if (!Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext(?))")
                                             .param("tandem.dead-letter-retries/" + group)
                                             .query(Boolean.class).single())) {
                    return false;
                }
                processor.process(letter -> DeadLetterDiagnostics.isDue(letter.diagnostics(), now)
                                            && tried.add(letter.message().getIdentifier()));
                return true;
            });
            if (!Boolean.TRUE.equals(locked) || tried.size() == before) {
                break;
            }
        }
        return tried.size();
    }

    private void retryDueQuietly() {
        try {
            int tried = retryDue();
            if (tried > 0) {
                log.info("Retried {} parked event sequence(s)", tried);
            }
        } catch (RuntimeException e) {
            // Axon not started yet, or stopping: the next round tries again
            log.debug("Could not look for dead letters to retry", e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-retries");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.retryPollInterval().toMillis();
        started.scheduleWithFixedDelay(this::retryDueQuietly, interval, interval, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
