package io.tandem.operations.audit.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.operations.audit.view.PersonalDataView;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import java.lang.reflect.Constructor;

/**
 * The aggregate itself, replayed: a fresh instance of its class gets its events through Axon's own
 * event-sourcing path (as when the repository loads it), so the state is exactly what its command handlers saw then.
 * Payloads are read with the storage serializer, so personal data is decrypted as the aggregate reads it (null for
 * an erased person), then masked for auditors by the aggregate's own {@code @PersonalData} marks.
 */
final class AggregateReplay<T> implements StateFold {

    static final String METHOD = "aggregate";

    private final AggregateModel<T> model;
    private final EventSourcedAggregate<T> aggregate;
    private final Serializer serializer;
    private final ObjectMapper stateMapper;
    private final PersonalDataView personalData;
    private final AuditViewer viewer;

    AggregateReplay(AggregateModel<T> model, Serializer serializer, ObjectMapper stateMapper,
                    PersonalDataView personalData, AuditViewer viewer) throws ReflectiveOperationException {
        this.model = model;
        Constructor<? extends T> constructor = model.entityClass().getDeclaredConstructor();
        constructor.setAccessible(true);
        this.aggregate = EventSourcedAggregate.initialize(constructor.newInstance(), model, null,
                                                          NoSnapshotTriggerDefinition.TRIGGER);
        this.serializer = serializer;
        this.stateMapper = stateMapper;
        this.personalData = personalData;
        this.viewer = viewer;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public void apply(StoredEvent event) {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(
                event.payload(), byte[].class, event.payloadType(), event.payloadRevision()));
        MetaData metaData = event.metadata() == null ? MetaData.emptyInstance() : serializer.deserialize(
                new SimpleSerializedObject<>(event.metadata(), byte[].class, MetaData.class.getName(), null));
        aggregate.initializeState(DomainEventStream.of(new GenericDomainEventMessage<>(
                event.aggregateType(), event.aggregateId(), event.sequenceNumber(), payload, metaData,
                event.eventId(), event.timestamp())));
    }

    @Override
    public ObjectNode state() {
        ObjectNode state = stateMapper.valueToTree(aggregate.getAggregateRoot());
        personalData.apply(state, model.entityClass().getName(), viewer);
        return state;
    }
}
