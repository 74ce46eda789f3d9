package io.tandem.platform.axon;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Carries audit metadata from a message to everything its handler sends: the user stays the same, the
 * correlation id names the whole conversation, and the causation id names the message that directly caused this one.
 */
class AuditMetadataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object userId = message.getMetaData().get(AuditMetadata.USER_ID);
        if (userId != null) {
            data.put(AuditMetadata.USER_ID, userId);
        }
        Object correlationId = message.getMetaData().get(AuditMetadata.CORRELATION_ID);
        data.put(AuditMetadata.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(AuditMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
