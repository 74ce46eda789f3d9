package io.tandem.platform.axon.events;

import io.tandem.testsupport.SharedPostgres;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one real PostgreSQL, each with its own event store whose fallback fetch is an hour away: an event
 * one node commits reaches a stream of the other only through PostgreSQL's commit notification, and the stream's
 * availability callback (what a pooled processor's coordinator waits on) fires for it.
 */
class CommitSignalsTest {

    private static final Duration NEVER = Duration.ofHours(1);
    private static final String[] MIGRATIONS = {
            "db/migration/axon/V2026.11.22.0100__axon_event_store.sql",
            "db/migration/axon/V2026.12.06.0200__notify_event_commits.sql"};

    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
    private SignallingEventStore nodeA;
    private SignallingEventStore nodeB;

    @BeforeEach
    void setUp() throws Exception {
        DriverManagerDataSource database =
                new DriverManagerDataSource(SharedPostgres.newDatabase(), SharedPostgres.USERNAME, "");
        for (String migration : MIGRATIONS) {
            JdbcClient.create(database)
                      .sql(new ClassPathResource(migration).getContentAsString(StandardCharsets.UTF_8)).update();
        }
        nodeA = node(database);
        nodeB = node(database);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeAtEnd) {
            closeable.close();
        }
    }

    @Test
    void anEventCommittedOnOneNodeWakesTheStreamsOfAnother() throws InterruptedException {
        TrackingEventStream stream = nodeB.openStream(null);
        closeAtEnd.add(stream::close);
        AtomicInteger announced = new AtomicInteger();
        assertThat(stream.setOnAvailableCallback(announced::incrementAndGet)).isTrue();
        assertThat(stream.hasNextAvailable()).as("the store is empty").isFalse();

        for (int i = 0; i < 3; i++) {
            String payload = "committed on A #" + i;
            nodeA.publish(new GenericDomainEventMessage<>("Thing", "thing-" + i, 0, payload));

            int seen = i + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> announced.get() >= seen);
            assertThat(stream.hasNextAvailable()).isTrue();
            TrackedEventMessage<?> event = stream.nextAvailable();
            assertThat(event.getPayload()).isEqualTo(payload);
        }
        assertThat(stream.hasNextAvailable()).isFalse();
    }

    private SignallingEventStore node(DriverManagerDataSource database) {
        ConnectionProvider connections = database::getConnection;
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                                                              .connectionProvider(connections)
                                                              .transactionManager(NoTransactionManager.INSTANCE)
                                                              .eventSerializer(JacksonSerializer.defaultSerializer())
                                                              .snapshotSerializer(
                                                                      JacksonSerializer.defaultSerializer())
                                                              .build();
        SignallingEventStore store = SignallingEventStore.on(engine, EmbeddedEventStore.builder(), NEVER, List.of());
        CommitNotifications notifications = new CommitNotifications(database, store);
        notifications.start();
        closeAtEnd.add(notifications::stop);
        closeAtEnd.add(store::shutDown);
        return store;
    }
}
