package io.tandem.launcher;

import io.tandem.launcher.AuditedBookings.Placed;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit API refuses, each with its problem+json code: unknown things are 404s, malformed input 400s, an
 * export over the configured maximum a 400 naming it; users get 403, and auditors 403 for any action.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class AuditRefusalsTest {

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = OperationsAccounts.admin(anonymous);
    }

    private static void refused(ApiResponse response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }

    @Test
    void unknownThingsAreNotFoundAndMalformedInputIsABadRequest() {
        Placed placed = new AuditedBookings(anonymous).place("3C", "Kim Taeri");
        String booking = "/api/admin/audit/aggregates/" + placed.bookingNumber();

        refused(admin.get("/api/admin/audit/aggregates/no-such-aggregate/events"), 404, "aggregate_not_found");
        refused(admin.get("/api/admin/audit/aggregates/no-such-aggregate/state?seq=0"), 404, "aggregate_not_found");
        refused(admin.get(booking + "/state?seq=99"), 404, "sequence_not_found");
        refused(admin.get(booking + "/diff?to=99"), 404, "sequence_not_found");
        refused(admin.get(booking + "/blame?field=noSuchField"), 404, "field_not_found");
        refused(admin.get(booking + "/state?at=2000-01-01T00:00:00Z"), 404, "no_state_at_time");
        refused(admin.get("/api/admin/audit/traces/no-such-correlation"), 404, "trace_not_found");
        refused(admin.get("/api/admin/audit/sagas?association_value=no-such-value"), 404, "saga_not_found");

        refused(admin.get(booking + "/state?at=yesterday"), 400, "invalid_timestamp");
        refused(admin.get("/api/admin/audit/events?from=06.12.2026"), 400, "invalid_timestamp");
        refused(admin.get("/api/admin/audit/events?cursor=not-a-cursor!"), 400, "invalid_cursor");
        refused(admin.get("/api/admin/audit/events?from_position=ten"), 400, "invalid_position");
        refused(admin.get("/api/admin/audit/events?limit=100000"), 400, "invalid_limit");
        refused(admin.get(booking + "/events/export?format=xml"), 400, "invalid_format");
        refused(admin.post("/api/admin/audit/verify", "{\"from_position\": -5}"), 404, "anchor_not_found");
        refused(admin.post("/api/admin/audit/deadlines/no-such-deadline/cancel", "{\"reason\":\"x\"}"), 404,
                "deadline_not_found");
        refused(admin.post("/api/admin/audit/deadlines/no-such-deadline/reschedule",
                           "{\"at\":\"soon\",\"reason\":\"x\"}"), 400, "invalid_timestamp");
        refused(admin.post("/api/admin/audit/deadlines/no-such-deadline/cancel", "{}"), 400, "invalid_request");

        ApiResponse tooLarge = admin.get("/api/admin/audit/events/export?format=ndjson");
        refused(tooLarge, 400, "export_too_large");
        assertThat(tooLarge.json().get("detail").asText())
                .contains(AllInOneTestServers.AUDIT_EXPORT_MAX_EVENTS + " events")
                .contains("tandem.audit.export.max-events");
    }

    @Test
    void usersAreForbiddenAndAuditorsReadAndVerifyButNeverAct() {
        Account user = OperationsAccounts.withRole(anonymous, null);
        refused(user.api().get("/api/admin/audit/events"), 403, "forbidden");
        refused(user.api().post("/api/admin/audit/verify", "{}"), 403, "forbidden");

        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        assertThat(auditor.api().get("/api/admin/audit/events?limit=5").status()).isEqualTo(200);
        assertThat(auditor.api().post("/api/admin/audit/verify", "{}").status()).isEqualTo(200);
        refused(auditor.api().post("/api/admin/audit/deadlines/any/cancel", "{\"reason\":\"x\"}"), 403, "forbidden");
        refused(auditor.api().post("/api/admin/audit/deadlines/any/reschedule",
                                   "{\"at\":\"2030-01-01T00:00:00Z\",\"reason\":\"x\"}"), 403, "forbidden");
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        refused(operator.api().get("/api/admin/audit/events"), 403, "forbidden");
    }
}
