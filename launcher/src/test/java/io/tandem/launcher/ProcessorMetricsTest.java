package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processor board as Prometheus gauges, and the Grafana files in {@code ops/grafana} that use them: the alert
 * rules parse as Grafana's provisioning format, each rule's condition is one of its queries, and every Tandem metric a
 * rule or a dashboard panel reads is in {@code /actuator/prometheus}.
 */
// metrics are exported as in production (Spring Boot's tests turn exporters off otherwise)
@AutoConfigureObservability
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ProcessorMetricsTest {

    private static final Path GRAFANA = Path.of("..", "ops", "grafana");
    private static final Pattern METRIC = Pattern.compile("\\btandem_[a-z_]+");

    @LocalServerPort
    int port;

    @Test
    void theBoardIsExportedAndEveryAlertRuleAndPanelReadsMetricsThatExist() throws IOException {
        // administrators read the metrics; in compose, Prometheus reads them on its own network
        // (TANDEM_SECURITY_PUBLIC_METRICS, MonitoringAccessTest)
        ApiClient admin = OperationsAccounts.admin(new ApiClient("http://127.0.0.1:" + port));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                admin.get("/actuator/prometheus").body())
                .contains("tandem_processor_lag_events{application=\"tandem\",processor=\"bookings\"}")
                .contains("tandem_processor_segment_lag_events{application=\"tandem\",processor=\"bookings\","
                          + "segment=\"0\"}"));
        String scrape = admin.get("/actuator/prometheus").body();
        Set<String> exported = new TreeSet<>();
        scrape.lines().filter(line -> line.startsWith("tandem_"))
              .forEach(line -> exported.add(line.substring(0, line.indexOf('{'))));
        assertThat(exported).contains("tandem_processor_lag_seconds", "tandem_processor_dead_letters",
                                      "tandem_processor_unclaimed_segments", "tandem_processor_stalled",
                                      "tandem_processor_replay_progress_percent");

        List<String> expressions = new ArrayList<>();
        try (Stream<Path> files = Files.list(GRAFANA.resolve("provisioning/alerting"))) {
            List<Path> ruleFiles = files.filter(file -> file.toString().endsWith(".yml")).toList();
            assertThat(ruleFiles).isNotEmpty();
            for (Path file : ruleFiles) {
                expressions.addAll(ruleExpressions(file));
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(GRAFANA.resolve("dashboards/tandem.json").toFile());
        dashboard.get("panels").findValues("targets").forEach(targets -> targets.forEach(
                target -> expressions.add(target.path("expr").asText())));

        Set<String> used = new TreeSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                used.add(metric.group());
            }
        }
        assertThat(used).contains("tandem_processor_lag_seconds", "tandem_processor_stalled",
                                  "tandem_processor_dead_letters", "tandem_processor_unclaimed_segments");
        assertThat(exported).as("the metrics the alert rules and panels read").containsAll(used);
    }

    /** The rules' Prometheus queries, checking each rule's shape on the way. */
    @SuppressWarnings("unchecked")
    private static List<String> ruleExpressions(Path file) throws IOException {
        Map<String, Object> provisioning = new Yaml().load(Files.readString(file));
        assertThat(provisioning.get("apiVersion")).as(file.toString()).isEqualTo(1);
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) provisioning.get("groups")) {
            assertThat(group).containsKeys("orgId", "name", "folder", "interval", "rules");
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(rule).as(file + ": " + rule.get("title"))
                                .containsKeys("uid", "title", "condition", "data", "for", "noDataState");
                List<Map<String, Object>> data = (List<Map<String, Object>>) rule.get("data");
                List<Object> refIds = data.stream().map(query -> query.get("refId")).toList();
                assertThat(refIds).as(rule.get("uid") + " evaluates one of its queries").contains(rule.get("condition"));
                for (Map<String, Object> query : data) {
                    Map<String, Object> model = (Map<String, Object>) query.get("model");
                    assertThat(model.get("refId")).isEqualTo(query.get("refId"));
                    if ("__expr__".equals(query.get("datasourceUid"))) {
                        assertThat(refIds).as(rule.get("uid") + "'s expression reads a query")
                                          .contains(model.get("expression"));
                    } else {
                        assertThat(query.get("datasourceUid")).as("the provisioned datasource").isEqualTo("prometheus");
                        expressions.add((String) model.get("expr"));
                    }
                }
            }
        }
        return expressions;
    }
}
