package io.tandem.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

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
        if (message instanceof CommandMessage<?>) {
            copy(metaData, AuditMetadata.CAUSATION_ID, data, AuditMetadata.COMMAND_CAUSATION_ID);
            copy(metaData, AuditMetadata.CAUSATION_TYPE, data, AuditMetadata.COMMAND_CAUSATION_TYPE);
        }
        return data;
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
