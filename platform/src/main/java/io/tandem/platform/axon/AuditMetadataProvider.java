package io.tandem.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.saga.SagaScopeDescriptor;

import java.util.HashMap;
import java.util.Map;

/**
 * Carries audit metadata from a message to everything its handler sends: the request keys (who, roles, from where,
 * why) stay the same and the correlation id names the whole conversation, while the causation id and type name the
 * message that directly caused this one and the app version the node that handled it. Events also say what caused
 * their command, so the tracer can rebuild commands, which are never stored, between the events.
 */
class AuditMetadataProvider implements CorrelationDataProvider {

    private final String appVersion;

    AuditMetadataProvider(String appVersion) {
        this.appVersion = appVersion;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        Map<String, Object> data = new HashMap<>();
        for (String key : AuditMetadata.REQUEST_KEYS) {
            Object value = metaData.get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        Object correlationId = metaData.get(AuditMetadata.CORRELATION_ID);
        data.put(AuditMetadata.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(AuditMetadata.CAUSATION_ID, message.getIdentifier());
        data.put(AuditMetadata.CAUSATION_TYPE, typeOf(message));
        data.put(AuditMetadata.APP_VERSION, appVersion);
        String saga = sagaInScope();
        if (saga != null) {
            data.put(AuditMetadata.CAUSATION_SAGA, saga);
        }
        if (message instanceof CommandMessage<?>) {
            copy(metaData, AuditMetadata.CAUSATION_ID, data, AuditMetadata.COMMAND_CAUSATION_ID);
            copy(metaData, AuditMetadata.CAUSATION_TYPE, data, AuditMetadata.COMMAND_CAUSATION_TYPE);
            copy(metaData, AuditMetadata.CAUSATION_SAGA, data, AuditMetadata.COMMAND_CAUSATION_SAGA);
        }
        return data;
    }

    /**
     * The saga whose handler is running, if one is. Axon asks for correlation data when a message is created, which
     * for a message a saga sends (a command, a deadline) is inside the saga's scope.
     */
    private static String sagaInScope() {
        try {
            if (Scope.describeCurrentScope() instanceof SagaScopeDescriptor saga) {
                return saga.getType() + " " + saga.getIdentifier();
            }
        } catch (IllegalStateException e) {
            // no scope: the message is not sent from a saga or an aggregate
        }
        return null;
    }

    /** {@code command ConfirmBookingCommand}, {@code event PaymentRecordedEvent}, {@code deadline payment-deadline}. */
    static String typeOf(Message<?> message) {
        if (message instanceof CommandMessage<?> command) {
            return "command " + simpleName(command.getCommandName());
        }
        if (message instanceof DeadlineMessage<?> deadline) {
            return "deadline " + deadline.getDeadlineName();
        }
        String kind = message instanceof EventMessage<?> ? "event " : "message ";
        return kind + simpleName(message.getPayloadType().getName());
    }

    private static String simpleName(String name) {
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }

    private static void copy(MetaData from, String fromKey, Map<String, Object> to, String toKey) {
        Object value = from.get(fromKey);
        if (value != null) {
            to.put(toKey, value);
        }
    }
}
