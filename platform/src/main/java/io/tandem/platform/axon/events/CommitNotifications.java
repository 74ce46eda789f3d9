package io.tandem.platform.axon.events;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Listens on one connection for PostgreSQL's notification that a transaction appended events (the trigger of
 * {@code V2026.12.06.0200__notify_event_commits.sql}) and makes the event store fetch at once. So a node sees
 * events committed by any other node on the same database within milliseconds, not at its next fallback fetch.
 * PostgreSQL delivers a notification only after the commit and to every listening session, once per transaction.
 * <p>
 * The connection is taken from the pool for as long as the node runs. When it breaks (the database restarts, say)
 * the listener connects again with a growing pause, and fetches once on reconnecting, since notifications sent in
 * between are lost.
 */
final class CommitNotifications implements SmartLifecycle {

    static final String CHANNEL = "tandem_events";

    private static final Logger log = LoggerFactory.getLogger(CommitNotifications.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final SignallingEventStore eventStore;
    private volatile boolean running;
    private Thread listener;

    CommitNotifications(DataSource dataSource, SignallingEventStore eventStore) {
        this.dataSource = dataSource;
        this.eventStore = eventStore;
    }

    @Override
    public synchronized void start() {
        running = true;
        listener = new Thread(this::listen, "event-commit-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            try {
                listener.join(2 * WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration pause = Duration.ofMillis(100);
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                eventStore.fetchNow();
                pause = Duration.ofMillis(100);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        eventStore.fetchNow();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Not listening for event commits ({}); trying again in {} ms, fetching every few seconds "
                         + "meanwhile", e.getMessage(), pause.toMillis());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
