package io.tandem.operations.web;

import io.tandem.platform.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may do what in the operations console: the one place its roles are decided.
 * <ul>
 *     <li>the console page itself ({@code /ops/}) loads for anyone; everything it shows comes from the API;</li>
 *     <li>ADMIN does everything (anything not matched here falls to the platform's {@code /api/admin/**} rule);</li>
 *     <li>OPERATOR reads the operations API, pauses and resumes processors and retries dead letters;</li>
 *     <li>AUDITOR reads the operations API and the audit trails and verifies the hash chain, and does nothing
 *     else (cancelling or rescheduling a deadline is ADMIN's);</li>
 *     <li>USER gets 403 everywhere here.</li>
 * </ul>
 */
class OperationsAccess implements AccessRules {

    static final String ADMIN = "ADMIN";
    static final String OPERATOR = "OPERATOR";
    static final String AUDITOR = "AUDITOR";

    /** What operators may do besides reading. */
    static final String[] OPERATOR_ACTIONS = {
            "/api/admin/processors/*/pause",
            "/api/admin/processors/*/resume",
            "/api/admin/dead-letters/*/sequences/*/retry",
            "/api/admin/dead-letters/bulk-retry"
    };

    /**
     * Actions only administrators take, named here although the platform's {@code /api/admin/**} rule would refuse
     * them to everyone else anyway: replays, rebuilds and their switches, rollbacks and drops, evictions.
     */
    static final String[] ADMIN_ACTIONS = {
            "/api/admin/processors/*/replays",
            "/api/admin/projections/*/rebuilds",
            "/api/admin/projections/*/rebuilds/*/switch",
            "/api/admin/projections/*/rebuilds/*/rollback",
            "/api/admin/projections/*/rebuilds/*/drop",
            "/api/admin/dead-letters/*/sequences/*/evict",
            "/api/admin/dead-letters/*/letters/*/evict",
            "/api/admin/dead-letters/bulk-evict"
    };

    /** What operators and auditors may read. */
    static final String[] OPERATIONS_READS = {
            "/api/admin/processors/**",
            "/api/admin/projections/**",
            "/api/admin/dead-letters/**",
            "/api/admin/operations/**",
            "/api/admin/console"
    };

    /** What auditors read besides the operations API (issue "Operations II"). */
    static final String[] AUDIT_READS = {
            "/api/admin/audit/**"
    };

    /** The one audit request that is not a GET yet changes nothing: recomputing the hash chain. */
    static final String[] AUDIT_CHECKS = {
            "/api/admin/audit/verify"
    };

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/ops", "/ops/", "/ops/**").permitAll()
                .requestMatchers(HttpMethod.POST, OPERATOR_ACTIONS).hasAnyRole(ADMIN, OPERATOR)
                .requestMatchers(HttpMethod.POST, ADMIN_ACTIONS).hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, OPERATIONS_READS).hasAnyRole(ADMIN, OPERATOR, AUDITOR)
                .requestMatchers(HttpMethod.GET, AUDIT_READS).hasAnyRole(ADMIN, AUDITOR)
                .requestMatchers(HttpMethod.POST, AUDIT_CHECKS).hasAnyRole(ADMIN, AUDITOR);
    }
}
