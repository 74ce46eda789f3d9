package io.tandem.platform.axon;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps messages sent from an HTTP request (outside any unit of work) with the signed-in user and the request's
 * correlation id. Messages sent from inside a handler get theirs from {@link AuditMetadataProvider} instead.
 */
class RequestMetadataDispatchInterceptor implements MessageDispatchInterceptor<Message<?>> {

    static final String MDC_CORRELATION_ID = "correlation_id";

    @Override
    public BiFunction<Integer, Message<?>, Message<?>> handle(List<? extends Message<?>> messages) {
        return (index, message) -> {
            if (CurrentUnitOfWork.isStarted()) {
                return message;
            }
            Map<String, Object> metadata = new HashMap<>();
            String userId = currentUserId();
            if (userId != null && !message.getMetaData().containsKey(AuditMetadata.USER_ID)) {
                metadata.put(AuditMetadata.USER_ID, userId);
            }
            String correlationId = MDC.get(MDC_CORRELATION_ID);
            if (!message.getMetaData().containsKey(AuditMetadata.CORRELATION_ID)) {
                metadata.put(AuditMetadata.CORRELATION_ID,
                             correlationId != null ? correlationId : message.getIdentifier());
            }
            return metadata.isEmpty() ? message : message.andMetaData(metadata);
        };
    }

    private static String currentUserId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt.getSubject();
        }
        return null;
    }
}
