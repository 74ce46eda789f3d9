package io.tandem.operations.audit.store;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.Role;
import io.tandem.operations.audit.chain.ChainHash;
import io.tandem.platform.axon.AxonInfrastructureConfiguration;
import io.tandem.platform.personaldata.InMemoryPersonalDataKeys;
import org.axonframework.axonserver.connector.event.axon.GrpcBackedDomainEventData;
import org.axonframework.axonserver.connector.event.axon.GrpcMetaDataAwareSerializer;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events as Axon Server hands them over: a gRPC {@link Event} (payload bytes, metadata as a map of typed values) read
 * the way the Axon Server event store's stream reads it ({@code EventBuffer}: Axon's upcast-and-deserialize with the
 * event serializer wrapped in a {@link GrpcMetaDataAwareSerializer}). No Axon Server runs in the build; the README's
 * services-mode check covers the real one.
 */
class StreamStoredEventsTest {

    private final Serializer eventSerializer =
            new AxonInfrastructureConfiguration().eventSerializer(InMemoryPersonalDataKeys.perSubject());
    private final Event stored = storedSignUp();

    @Test
    void everyReadingOfAnAxonServerEventHandsOverItsStoredBytesSoTheChainHashesAlikeEachTime() {
        StreamStoredEvents reader = StreamStoredEvents.onAxonServer(null, eventSerializer, ids -> Map.of());

        StoredEvent first = reader.stored(readFromAxonServer(), 7L);
        StoredEvent second = reader.stored(readFromAxonServer(), 7L);

        assertThat(first.payload()).isEqualTo(stored.getPayload().getData().toByteArray());
        assertThat(new String(first.metadata(), StandardCharsets.UTF_8))
                .isEqualTo("{\"correlation_id\":\"c-1\",\"sequence\":3,\"user_id\":\"u-1\"}");
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
        assertThat(new ChainHash().next(ChainHash.GENESIS, second))
                .isEqualTo(new ChainHash().next(ChainHash.GENESIS, first));
    }

    /** Why the reader wraps the serializer: asked with another one, Axon encrypts the personal data again. */
    @Test
    void readWithAnyOtherSerializerThePersonalDataOfTheSameStoredEventEncryptsAnewEachTime() {
        var again = readFromAxonServer().serializePayload(eventSerializer, byte[].class).getData();

        assertThat(again).isNotEqualTo(stored.getPayload().getData().toByteArray());
    }

    private TrackedEventMessage<?> readFromAxonServer() {
        var data = new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(7), new GrpcBackedDomainEventData(stored));
        return EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(data), new GrpcMetaDataAwareSerializer(eventSerializer),
                                                           NoOpEventUpcaster.INSTANCE)
                         .findFirst().orElseThrow();
    }

    private Event storedSignUp() {
        var payload = eventSerializer.serialize(
                new UserSignedUpEvent("u-1", "choi@example.com", "hash", "Choi Woosik", Role.USER, null, null),
                byte[].class);
        return Event.newBuilder()
                    .setMessageIdentifier("e-1").setAggregateType("UserAccount").setAggregateIdentifier("u-1")
                    .setAggregateSequenceNumber(0).setTimestamp(1_765_000_000_000L)
                    .setPayload(SerializedObject.newBuilder().setType(payload.getType().getName())
                                                .setData(ByteString.copyFrom(payload.getData())))
                    .putMetaData("user_id", MetaDataValue.newBuilder().setTextValue("u-1").build())
                    .putMetaData("sequence", MetaDataValue.newBuilder().setNumberValue(3).build())
                    .putMetaData("correlation_id", MetaDataValue.newBuilder().setTextValue("c-1").build())
                    .build();
    }
}
