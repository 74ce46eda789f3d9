package io.tandem.platform.axon;

import io.tandem.platform.personaldata.InMemoryPersonalDataKeys;
import io.tandem.platform.personaldata.PersonalValues;
import io.tandem.platform.personaldata.PersonalValues.Outcome;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a request stamps on its messages, and how handlers carry it on (README "Audit trail"). */
class AuditMetadataCaptureTest {

    private final InMemoryPersonalDataKeys keys = InMemoryPersonalDataKeys.perSubject();
    private final PersonalValues personalValues = new PersonalValues(keys);
    private final RequestMetadataDispatchInterceptor interceptor =
            new RequestMetadataDispatchInterceptor(personalValues, "1.2.3");
    private final AuditMetadataProvider provider = new AuditMetadataProvider("1.2.3");

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
        MDC.clear();
    }

    private void request(String userId, List<String> roles, String reason) {
        if (userId != null) {
            Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").subject(userId).issuedAt(Instant.now())
                         .expiresAt(Instant.now().plusSeconds(60)).build();
            SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(
                    jwt, roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList()));
        }
        MockHttpServletRequest http = new MockHttpServletRequest("POST", "/api/x");
        http.setRemoteAddr("203.0.113.7");
        http.addHeader("User-Agent", "Agent\n" + "x".repeat(300));
        if (reason != null) {
            http.addHeader(AuditMetadata.REASON_HEADER, URLEncoder.encode(reason, StandardCharsets.UTF_8));
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(http));
        MDC.put(RequestMetadataDispatchInterceptor.MDC_CORRELATION_ID, "request-correlation-1");
    }

    private MetaData dispatched(Message<?> message) {
        return interceptor.handle(List.of(message)).apply(0, message).getMetaData();
    }

    @Test
    void aSignedInAdministratorsCommandCarriesRolesSealedAddressAgentAndReason() {
        request("admin-1", List.of("USER", "ADMIN"), "환불 요청 #12");
        MetaData metaData = dispatched(GenericCommandMessage.asCommandMessage("cancel"));

        assertThat(metaData).containsEntry("user_id", "admin-1").containsEntry("user_roles", "ADMIN,USER")
                            .containsEntry("correlation_id", "request-correlation-1")
                            .containsEntry("reason", "환불 요청 #12").containsEntry("app_version", "1.2.3");
        String sealedIp = (String) metaData.get("client_ip");
        assertThat(PersonalValues.isSealed(sealedIp)).isTrue();
        assertThat(personalValues.open("admin-1", "client_ip", sealedIp).json()).isEqualTo("\"203.0.113.7\"");
        String agent = personalValues.open("admin-1", "user_agent", (String) metaData.get("user_agent")).json();
        assertThat(agent).startsWith("\"Agent x").hasSize(AuditMetadata.USER_AGENT_LIMIT + 2);
        assertThat(personalValues.open("someone-else", "client_ip", sealedIp).outcome()).isEqualTo(Outcome.UNREADABLE);

        keys.erase("admin-1");
        assertThat(personalValues.open("admin-1", "client_ip", sealedIp).outcome()).isEqualTo(Outcome.ERASED);
    }

    @Test
    void aUsersReasonIsIgnoredAnAnonymousAddressStaysPlainAndQueriesCarryOnlyTheIds() {
        request("user-1", List.of("USER"), "trust me");
        assertThat(dispatched(GenericCommandMessage.asCommandMessage("x"))).doesNotContainKey("reason");

        SecurityContextHolder.clearContext();
        MetaData anonymous = dispatched(GenericCommandMessage.asCommandMessage("x"));
        assertThat(anonymous).containsEntry("client_ip", "203.0.113.7").doesNotContainKeys("user_id", "user_roles");

        request("user-1", List.of("USER"), null);
        MetaData query = dispatched(new GenericQueryMessage<>("q", ResponseTypes.instanceOf(String.class)));
        assertThat(query.keySet()).containsExactlyInAnyOrder("user_id", "correlation_id");
    }

    /** A saga's scope, as Axon starts one around a saga's handler. */
    private static final class SagaScope extends Scope {

        <V> V run(java.util.concurrent.Callable<V> task) throws Exception {
            return executeWithResult(task);
        }

        @Override
        public ScopeDescriptor describeScope() {
            return new SagaScopeDescriptor("BookingPaymentSaga", "saga-1");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(Message<?> handled) {
        return (Map<String, Object>) provider.correlationDataFor(handled);
    }

    @Test
    void handlersCarryTheRequestKeysAndNameWhatCausedEachHop() throws Exception {
        MetaData request = MetaData.from(Map.of("user_id", "u", "user_roles", "USER", "client_ip", "ip",
                                                "user_agent", "ua", "correlation_id", "c-1",
                                                "app_version", "0.9", "causation_type", "event Old"));
        var command = new GenericCommandMessage<>("cmd").withMetaData(request.and("causation_id", "event-7"));
        Map<String, Object> onEvents = data(command);
        assertThat(onEvents).containsEntry("user_id", "u").containsEntry("client_ip", "ip")
                            .containsEntry("correlation_id", "c-1").containsEntry("causation_id", command.getIdentifier())
                            .containsEntry("causation_type", "command String").containsEntry("app_version", "1.2.3")
                            .containsEntry("command_causation_id", "event-7")
                            .containsEntry("command_causation_type", "event Old");

        var event = GenericEventMessage.asEventMessage(42).withMetaData(request);
        assertThat(data(event)).containsEntry("causation_type", "event Integer")
                                                      .doesNotContainKey("command_causation_id");
        Map<String, Object> fromSaga = new SagaScope().run(() -> data(event));
        assertThat(fromSaga).containsEntry("causation_saga", "BookingPaymentSaga saga-1");
        Map<String, Object> onSagaCommandEvents = data(command.andMetaData(Map.of("causation_saga", "S s-2")));
        assertThat(onSagaCommandEvents).containsEntry("command_causation_saga", "S s-2")
                                       .doesNotContainKey("causation_saga");

        var deadline = GenericDeadlineMessage.asDeadlineMessage("payment-deadline", null, Instant.now());
        assertThat(data(deadline)).containsEntry("causation_type", "deadline payment-deadline")
                                                         .containsEntry("correlation_id", deadline.getIdentifier());
    }
}
