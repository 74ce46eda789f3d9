package io.tandem.launcher;

import io.tandem.operations.events.EventPositions;
import io.tandem.operations.events.EventPositions.StoredPosition;
import io.tandem.operations.events.JdbcEventPositions;
import io.tandem.operations.events.StreamEventPositions;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lag in seconds needs the timestamps of events at positions, read by SQL on the JDBC store and by a short stream
 * on Axon Server. Both readings of the same (JDBC) store agree, so the streaming one, which Axon Server uses, reads
 * the right events; only its token type differs there ({@code GlobalSequenceTrackingToken}).
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class EventPositionsTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theStreamingAndTheSqlReadingsOfTheStoreAgree() {
        EventPositions sql = new JdbcEventPositions(jdbc);
        EventPositions streamed = new StreamEventPositions(
                eventStore, position -> GapAwareTrackingToken.newInstance(position - 1, List.of()));

        StoredPosition head = sql.head().orElseThrow();
        assertThat(head.position()).isEqualTo(jdbc.sql("SELECT max(globalindex) FROM domainevententry")
                                                  .query(Long.class).single());
        assertThat(streamed.head()).contains(head);
        assertThat(streamed.beforeFirst()).isEqualTo(sql.beforeFirst());

        long first = sql.beforeFirst() + 1;
        for (long position : List.of(first, (first + head.position()) / 2, head.position())) {
            Instant stored = Instant.parse(jdbc.sql("SELECT timestamp FROM domainevententry WHERE globalindex = ?")
                                               .param(position).query(String.class).single());
            assertThat(sql.timestampAt(position)).as("SQL at %d", position).contains(stored);
            assertThat(streamed.timestampAt(position)).as("stream at %d", position).contains(stored);
        }
        assertThat(sql.timestampAt(head.position())).contains(head.timestamp());
    }
}
