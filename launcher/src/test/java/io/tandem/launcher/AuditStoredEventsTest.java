package io.tandem.launcher;

import io.tandem.launcher.AuditedBookings.Placed;
import io.tandem.operations.audit.chain.ChainHash;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.store.JdbcStoredEvents;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.audit.store.StreamStoredEvents;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With events in Axon Server the audit trail reads them through Axon's streams and aggregate reads instead of SQL.
 * Both readings of the same (JDBC) store hand over the same bytes, positions and places, so the hash chain, the
 * history and the exports are the same either way; only the stream's token type differs on Axon Server
 * ({@code GlobalSequenceTrackingToken}). No Axon Server runs here: see the README for the manual check.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class AuditStoredEventsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    EventIndex index;

    @Test
    void theStreamingAndTheSqlReadingsHandOverTheSameStoredEvents() {
        Placed placed = new AuditedBookings(new ApiClient("http://127.0.0.1:" + port)).place("1B", "Choi Woosik");
        StoredEvents sql = new JdbcStoredEvents(jdbc);
        StoredEvents streamed = new StreamStoredEvents(eventStore, eventSerializer,
                                                       position -> GapAwareTrackingToken.newInstance(position - 1,
                                                                                                     List.of()),
                                                       index::positionsOf);

        long head = jdbc.sql("SELECT max(globalindex) FROM domainevententry").query(Long.class).single();
        long from = Math.max(1, head - 300);
        List<StoredEvent> bySql = new ArrayList<>();
        List<StoredEvent> byStream = new ArrayList<>();
        sql.range(from, head, bySql::add);
        streamed.range(from, head, byStream::add);
        assertThat(byStream).hasSameSizeAs(bySql).isNotEmpty();
        byte[] sqlChain = ChainHash.GENESIS;
        byte[] streamChain = ChainHash.GENESIS;
        ChainHash hash = new ChainHash();
        for (int index = 0; index < bySql.size(); index++) {
            StoredEvent expected = bySql.get(index);
            assertThat(byStream.get(index)).usingRecursiveComparison().as("event at %d", expected.globalPosition())
                                           .isEqualTo(expected);
            sqlChain = hash.next(sqlChain, expected);
            streamChain = hash.next(streamChain, byStream.get(index));
        }
        assertThat(streamChain).isEqualTo(sqlChain);
        List<Long> some = List.of(bySql.get(0).globalPosition(), bySql.get(bySql.size() - 1).globalPosition());
        assertThat(streamed.at(some)).usingRecursiveComparison().isEqualTo(sql.at(some));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                streamed.aggregate(placed.bookingNumber(), 0, 10)).usingRecursiveComparison()
                                                                 .isEqualTo(sql.aggregate(placed.bookingNumber(), 0,
                                                                                          10)));
    }
}
