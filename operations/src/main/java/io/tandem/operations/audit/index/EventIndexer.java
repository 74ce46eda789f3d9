package io.tandem.operations.audit.index;

import io.tandem.operations.OperationsTables;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.platform.axon.AuditMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * The {@code audit_event_index} read model: one row per event with its place, type, time and the metadata that ties
 * events into requests. Fed by Axon's event stream, so it is the same with events in PostgreSQL or in Axon Server.
 * The payload is never deserialized; rows are upserts keyed by global position, so a replay rebuilds the same table.
 */
@ProcessingGroup(EventIndexer.PROCESSING_GROUP)
public class EventIndexer {

    public static final String PROCESSING_GROUP = "audit-event-index";

    private final JdbcClient jdbc;
    private final String table;

    public EventIndexer(JdbcClient jdbc, OperationsTables tables) {
        this.jdbc = jdbc;
        this.table = tables.table("audit_event_index");
    }

    @EventHandler
    void on(EventMessage<?> event) {
        if (!(event instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken().position().isEmpty()) {
            return; // only events read from the store have a global position
        }
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        MetaData metaData = event.getMetaData();
        String payloadType = event.getPayloadType().getName();
        jdbc.sql("INSERT INTO " + table + " (global_position, event_id, aggregate_type, aggregate_id,"
                 + " sequence_number, event_type, payload_type, occurred_at, user_id, correlation_id, causation_id,"
                 + " causation_type, command_causation_id, command_causation_type, causation_saga)"
                 + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (global_position) DO NOTHING")
            .params(tracked.trackingToken().position().getAsLong(), event.getIdentifier(),
                    domain == null ? null : domain.getType(),
                    domain == null ? null : domain.getAggregateIdentifier(),
                    domain == null ? null : domain.getSequenceNumber(),
                    StoredEvent.simpleName(payloadType), payloadType, utc(event.getTimestamp()),
                    text(metaData, AuditMetadata.USER_ID), text(metaData, AuditMetadata.CORRELATION_ID),
                    text(metaData, AuditMetadata.CAUSATION_ID), text(metaData, AuditMetadata.CAUSATION_TYPE),
                    text(metaData, AuditMetadata.COMMAND_CAUSATION_ID),
                    text(metaData, AuditMetadata.COMMAND_CAUSATION_TYPE), saga(metaData))
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM " + table).update();
    }

    private static String saga(MetaData metaData) {
        String viaCommand = text(metaData, AuditMetadata.COMMAND_CAUSATION_SAGA);
        return viaCommand != null ? viaCommand : text(metaData, AuditMetadata.CAUSATION_SAGA);
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() <= 255 ? text : text.substring(0, 255);
    }
}
