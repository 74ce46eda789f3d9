package io.tandem.platform.axon;

import io.tandem.platform.personaldata.PersonalValues;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryMessage;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps messages sent from an HTTP request (outside any unit of work) with who sent them, from where and why (see
 * {@link AuditMetadata}). Messages sent from inside a handler get theirs from {@link AuditMetadataProvider} instead.
 * Queries get only the user and correlation id: they cause no events, so the rest would be recorded nowhere.
 */
class RequestMetadataDispatchInterceptor implements MessageDispatchInterceptor<Message<?>> {

    static final String MDC_CORRELATION_ID = "correlation_id";
    private static final List<String> ACTING_ROLES = List.of("ADMIN", "OPERATOR");

    private final PersonalValues personalValues;
    private final String appVersion;

    RequestMetadataDispatchInterceptor(PersonalValues personalValues, String appVersion) {
        this.personalValues = personalValues;
        this.appVersion = appVersion;
    }

    @Override
    public BiFunction<Integer, Message<?>, Message<?>> handle(List<? extends Message<?>> messages) {
        return (index, message) -> {
            if (CurrentUnitOfWork.isStarted()) {
                return message;
            }
            Map<String, Object> metadata = new HashMap<>();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            String userId = authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                    ? jwt.getSubject() : null;
            putAbsent(message, metadata, AuditMetadata.USER_ID, userId);
            String correlationId = MDC.get(MDC_CORRELATION_ID);
            putAbsent(message, metadata, AuditMetadata.CORRELATION_ID,
                      correlationId != null ? correlationId : message.getIdentifier());
            if (!(message instanceof QueryMessage<?, ?>)) {
                stampRequest(message, metadata, userId, userId == null ? List.of() : roles(authentication));
            }
            return metadata.isEmpty() ? message : message.andMetaData(metadata);
        };
    }

    private void stampRequest(Message<?> message, Map<String, Object> metadata, String userId, List<String> roles) {
        putAbsent(message, metadata, AuditMetadata.APP_VERSION, appVersion);
        if (!roles.isEmpty()) {
            putAbsent(message, metadata, AuditMetadata.USER_ROLES, String.join(",", roles));
        }
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        RequestDetails details = RequestDetails.of(request, roles.stream().anyMatch(ACTING_ROLES::contains));
        putAbsent(message, metadata, AuditMetadata.CLIENT_IP, personal(userId, AuditMetadata.CLIENT_IP,
                                                                        details.clientIp()));
        putAbsent(message, metadata, AuditMetadata.USER_AGENT, personal(userId, AuditMetadata.USER_AGENT,
                                                                         details.userAgent()));
        putAbsent(message, metadata, AuditMetadata.REASON, details.reason());
    }

    /** A signed-in user's address and agent are theirs: sealed with their key, so erasing them forgets both. */
    private String personal(String userId, String key, String value) {
        if (value == null || userId == null) {
            return value;
        }
        return personalValues.seal(userId, key, value);
    }

    private static void putAbsent(Message<?> message, Map<String, Object> metadata, String key, String value) {
        if (value != null && !message.getMetaData().containsKey(key)) {
            metadata.put(key, value);
        }
    }

    private static List<String> roles(Authentication authentication) {
        return authentication.getAuthorities().stream()
                             .map(GrantedAuthority::getAuthority)
                             .filter(authority -> authority.startsWith("ROLE_"))
                             .map(authority -> authority.substring("ROLE_".length()))
                             .sorted()
                             .toList();
    }
}
