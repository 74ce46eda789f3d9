package io.tandem.operations.audit.store;

import org.axonframework.axonserver.connector.event.axon.GrpcMetaDataAwareSerializer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Events in any Axon event store (Axon Server in services mode), read through its aggregate reads and streams. The
 * bytes are those the store handed over: messages read from a store keep their serialized form, which Axon returns
 * as it is only when asked with the very serializer the store reads with (and no upcaster changed it). Asked with
 * another, Axon serializes the payload again, and personal data encrypts with a fresh IV each time, so no two
 * readings of an event would hash alike.
 * <p>
 * Axon Server keeps metadata as a map of typed values, not as bytes: there its stored form is that map as JSON with
 * its keys sorted, one rendering for one stored map.
 */
public class StreamStoredEvents implements StoredEvents {

    private static final int WAIT_SECONDS = 5;

    private final EventStore store;
    private final Serializer serializer;
    private final boolean metadataHeldAsMap;
    private final LongFunction<TrackingToken> tokenBefore;
    private final Function<Collection<String>, Map<String, Long>> positionsOfEventIds;

    /**
     * A store that keeps payload and metadata as bytes (the JDBC store).
     *
     * @param serializer          the serializer the store reads with ({@code Configuration.eventSerializer()})
     * @param tokenBefore         the token a stream opened at starts with the event at the given position
     * @param positionsOfEventIds global positions of events by id, from the event index (aggregate reads carry none)
     */
    public StreamStoredEvents(EventStore store, Serializer serializer, LongFunction<TrackingToken> tokenBefore,
                              Function<Collection<String>, Map<String, Long>> positionsOfEventIds) {
        this(store, serializer, false, tokenBefore, positionsOfEventIds);
    }

    private StreamStoredEvents(EventStore store, Serializer serializer, boolean metadataHeldAsMap,
                               LongFunction<TrackingToken> tokenBefore,
                               Function<Collection<String>, Map<String, Long>> positionsOfEventIds) {
        this.store = store;
        this.serializer = serializer;
        this.metadataHeldAsMap = metadataHeldAsMap;
        this.tokenBefore = tokenBefore;
        this.positionsOfEventIds = positionsOfEventIds;
    }

    /**
     * Axon Server: it numbers events from 0 and reads with the event serializer wrapped in a
     * {@link GrpcMetaDataAwareSerializer} (its metadata is a gRPC map).
     *
     * @param eventSerializer the {@code eventSerializer} the Axon Server event store was built with
     */
    public static StreamStoredEvents onAxonServer(EventStore store, Serializer eventSerializer,
                                                  Function<Collection<String>, Map<String, Long>> positionsOfEventIds) {
        return new StreamStoredEvents(store, new GrpcMetaDataAwareSerializer(eventSerializer), true,
                                      position -> position <= 0 ? null : new GlobalSequenceTrackingToken(position - 1),
                                      positionsOfEventIds);
    }

    @Override
    public List<StoredEvent> aggregate(String aggregateId, long fromSequence, int limit) {
        List<StoredEvent> events = new ArrayList<>();
        DomainEventStream stream = store.readEvents(aggregateId, fromSequence);
        while (stream.hasNext() && events.size() < limit) {
            events.add(stored(stream.next(), null));
        }
        Map<String, Long> positions = positionsOfEventIds.apply(events.stream().map(StoredEvent::eventId).toList());
        return events.stream().map(event -> event.at(positions.get(event.eventId()))).toList();
    }

    @Override
    public void range(long from, long to, Predicate<StoredEvent> reader) {
        if (from > to) {
            return;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(tokenBefore.apply(from))) {
            while (stream.hasNextAvailable(WAIT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> next = stream.nextAvailable();
                long position = next.trackingToken().position().orElse(Long.MIN_VALUE);
                if (position > to || !reader.test(stored(next, position)) || position == to) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each run of consecutive positions is one stream. */
    @Override
    public List<StoredEvent> at(Collection<Long> positions) {
        TreeSet<Long> wanted = new TreeSet<>(positions);
        List<StoredEvent> found = new ArrayList<>();
        while (!wanted.isEmpty()) {
            long first = wanted.first();
            long last = first;
            while (wanted.contains(last + 1)) {
                last++;
            }
            range(first, last, event -> found.add(event) || true);
            wanted.subSet(first, true, last, true).clear();
        }
        return found;
    }

    StoredEvent stored(EventMessage<?> message, Long position) {
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        var payload = message.serializePayload(serializer, byte[].class);
        byte[] metadata = metadataHeldAsMap
                          ? serializer.serialize(new TreeMap<>(message.getMetaData()), byte[].class).getData()
                          : message.serializeMetaData(serializer, byte[].class).getData();
        return new StoredEvent(position, message.getIdentifier(), domain == null ? null : domain.getType(),
                               domain == null ? null : domain.getAggregateIdentifier(),
                               domain == null ? 0 : domain.getSequenceNumber(), message.getTimestamp(),
                               payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                               metadata);
    }
}
