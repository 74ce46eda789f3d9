package io.tandem.platform.consistency;

import io.tandem.api.consistency.ConsistencyQueries.AwaitProcessedQuery;
import io.tandem.testsupport.SharedPostgres;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * How far a processor of two segments has got, on a real token table and event table: from the segments this node
 * processes, from the stored tokens of another node's segments, and with gaps that have or have not committed.
 */
class ProcessorProgressTest {

    private static final String PROCESSOR = "things";
    private static final Segment EVEN = Segment.computeSegments(0, 1)[0];
    private static final Segment ODD = Segment.computeSegments(0, 1)[1];
    private static final String ON_EVEN = sequenceOn(EVEN);
    private static final String ON_ODD = sequenceOn(ODD);

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final Map<Integer, EventTrackerStatus> local = new HashMap<>();
    private JdbcClient jdbc;
    private ProcessorProgress progress;

    @BeforeEach
    void setUp() throws Exception {
        DriverManagerDataSource database =
                new DriverManagerDataSource(SharedPostgres.newDatabase(), SharedPostgres.USERNAME, "");
        jdbc = JdbcClient.create(database);
        for (String migration : List.of("V2026.11.22.0100__axon_event_store.sql",
                                        "V2026.11.22.0101__axon_tokens_sagas_dead_letters.sql")) {
            jdbc.sql(new ClassPathResource("db/migration/axon/" + migration)
                             .getContentAsString(StandardCharsets.UTF_8)).update();
        }
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.getName()).thenReturn(PROCESSOR);
        when(processor.processingStatus()).thenReturn(local);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessorByProcessingGroup(PROCESSOR, StreamingEventProcessor.class))
                .thenReturn(Optional.of(processor));
        doReturn(SequentialPerAggregatePolicy.instance()).when(processing).sequencingPolicy(PROCESSOR);
        EventSchema events = EventSchema.builder().build();
        progress = new ProcessorProgress(() -> processing,
                                         new StoredTokens(jdbc, serializer, TokenSchema.builder().build()),
                                         new CommittedEvents(jdbc, events));
    }

    @Test
    void aSegmentThatSkipsTheWritesSequencesNeedNotHaveReachedIt() {
        processesHere(EVEN, token(10));
        processesHere(ODD, token(5));

        assertThat(progress.reached(PROCESSOR, write(8, ON_EVEN), false)).isTrue();
        assertThat(progress.reached(PROCESSOR, write(8, ON_ODD), false)).isFalse();
        assertThat(progress.reached(PROCESSOR, write(8), false)).as("sequences unknown: every segment").isFalse();
        assertThat(progress.reached(PROCESSOR, write(5), false)).isTrue();
    }

    @Test
    void segmentsOfAnotherNodeAreReadFromTheTokenTableWhenReadingIsAllowed() {
        processesHere(EVEN, token(10));
        stored(ODD, token(5));

        assertThat(progress.reached(PROCESSOR, write(8, ON_EVEN), false)).as("half the segments known").isFalse();
        assertThat(progress.reached(PROCESSOR, write(8, ON_EVEN), true)).isTrue();
        assertThat(progress.reached(PROCESSOR, write(8, ON_ODD), true)).isFalse();
        assertThat(progress.reached(PROCESSOR, write(5, ON_ODD), true)).isTrue();
    }

    @Test
    void aHeadPositionWaitsForOlderGapsThatHaveCommittedButNotForOnesThatNeverWill() {
        processesHere(EVEN, GapAwareTrackingToken.newInstance(10, List.of(7L)));
        processesHere(ODD, token(10));
        AwaitProcessedQuery head = new AwaitProcessedQuery(10, true, Set.of(PROCESSOR), Set.of(), 1000);

        assertThat(progress.reached(PROCESSOR, head, true)).as("7 was rolled back").isTrue();
        jdbc.sql("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, "
                 + "eventidentifier, payload, payloadtype, timestamp) VALUES (7, 'a', 0, 'T', 'e7', '\\x00', 'P', "
                 + "'2026-12-06T00:00:00Z')").update();
        assertThat(progress.reached(PROCESSOR, head, true)).as("7 committed late").isFalse();
        assertThat(progress.reached(PROCESSOR, head, false)).as("the gap cannot be checked without a query")
                                                          .isFalse();
    }

    private void processesHere(Segment segment, TrackingToken token) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getSegment()).thenReturn(segment);
        when(status.getTrackingToken()).thenReturn(token);
        local.put(segment.getSegmentId(), status);
    }

    private void stored(Segment segment, TrackingToken token) {
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        jdbc.sql("INSERT INTO tokenentry (processorname, segment, token, tokentype) VALUES (?, ?, ?, ?)")
            .params(PROCESSOR, segment.getSegmentId(), serialized.getData(), serialized.getType().getName())
            .update();
    }

    private static AwaitProcessedQuery write(long position, String... sequences) {
        return new AwaitProcessedQuery(position, false, Set.of(PROCESSOR), Set.of(sequences), 1000);
    }

    private static TrackingToken token(long index) {
        return GapAwareTrackingToken.newInstance(index, List.of());
    }

    private static String sequenceOn(Segment segment) {
        return IntStream.range(0, 100).mapToObj(i -> "aggregate-" + i).filter(segment::matches).findFirst()
                        .orElseThrow();
    }
}
