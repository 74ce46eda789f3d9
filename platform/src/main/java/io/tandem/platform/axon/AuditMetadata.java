package io.tandem.platform.axon;

import java.util.List;

/**
 * Metadata keys every message carries, so the audit trail can tell who caused what, from where and why (README
 * "Audit trail"). Request keys are stamped when a request sends a message and travel unchanged to everything it
 * causes; hop keys describe the message a handler was handling when it sent this one.
 */
public final class AuditMetadata {

    /** the signed-in user (request) */
    public static final String USER_ID = "user_id";
    /** the request's correlation id, the same on everything it causes */
    public static final String CORRELATION_ID = "correlation_id";
    /** the message that directly caused this one (hop) */
    public static final String CAUSATION_ID = "causation_id";
    /** the user's roles, comma-separated, e.g. {@code ADMIN,USER} (request) */
    public static final String USER_ROLES = "user_roles";
    /** the client's address as Tomcat's RemoteIpValve settled it; sealed with the user's key when signed in */
    public static final String CLIENT_IP = "client_ip";
    /** the client's User-Agent, cut to {@value #USER_AGENT_LIMIT} characters; sealed like the address */
    public static final String USER_AGENT = "user_agent";
    /** why an administrator or operator did this: the {@value #REASON_HEADER} header (request) */
    public static final String REASON = "reason";
    /** the application version of the node that handled the message that sent this one (hop) */
    public static final String APP_VERSION = "app_version";
    /** what the causing message was: {@code command <Name>}, {@code event <Type>} or {@code deadline <name>} (hop) */
    public static final String CAUSATION_TYPE = "causation_type";
    /** the saga that sent this message, as {@code <SagaType> <sagaId>}, when one did (hop) */
    public static final String CAUSATION_SAGA = "causation_saga";
    /** on an event: the causation id of the command whose handler applied it (hop) */
    public static final String COMMAND_CAUSATION_ID = "command_causation_id";
    /** on an event: the causation type of that command (hop) */
    public static final String COMMAND_CAUSATION_TYPE = "command_causation_type";
    /** on an event: the saga that sent that command (hop) */
    public static final String COMMAND_CAUSATION_SAGA = "command_causation_saga";

    /** Keys stamped from the request and carried along to every message it causes. */
    public static final List<String> REQUEST_KEYS = List.of(USER_ID, USER_ROLES, CLIENT_IP, USER_AGENT, REASON);
    /** Request keys that are the user's personal data: sealed with the user's key, masked for auditors. */
    public static final List<String> PERSONAL_KEYS = List.of(CLIENT_IP, USER_AGENT);

    /** An administrator's or operator's reason, URL-encoded (UTF-8) so any language fits in a header. */
    public static final String REASON_HEADER = "X-Audit-Reason";
    public static final int USER_AGENT_LIMIT = 200;
    public static final int REASON_LIMIT = 500;

    private AuditMetadata() {
    }
}
