package io.tandem.launcher.compose;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and .env.example checked against what the service jars read, since compose cannot run where
 * the build runs: every variable a side is given is one it binds, the README's services-mode table lists exactly
 * what each side is given, ports and health checks agree with the sides' configuration, the gateway and Prometheus,
 * .env.example holds what compose requires, and images stay pinned.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?[-?])?[^}]*}");
    private static final Pattern ENV_LINE = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=(.*)$");
    private static final Pattern DOCKERFILE_ENV = Pattern.compile("\\b([A-Z][A-Z0-9_]*)=(\\S+)");
    /** Read by the Axon update checker straight from the environment, not through Spring. */
    private static final List<String> READ_OUTSIDE_SPRING = List.of("AXONIQ_UPDATE_CHECKER_DISABLED");

    /** Scanning the classpath takes a moment: once per side for all tests. */
    private static final Map<String, Side> SIDES = new ConcurrentHashMap<>();

    private final String composeText = read("docker-compose.yml");
    private final Map<String, Object> services = map(new Yaml().<Map<String, Object>>load(composeText).get("services"));

    @Test
    void everyVariableASideIsGivenIsOneItReads() {
        sides().forEach((service, side) -> {
            SideProperties reads = side.properties();
            for (String variable : environment(service).keySet()) {
                if (!READ_OUTSIDE_SPRING.contains(variable)) {
                    assertThat(reads.reads(variable)).as(service + " is given " + variable).isTrue();
                }
            }
        });
        for (String variable : dockerfileEnvironment().keySet()) {
            assertThat(sides().values().stream().anyMatch(side -> side.properties().reads(variable)))
                    .as("the Dockerfile sets " + variable).isTrue();
        }
    }

    @Test
    void theReadmeListsExactlyWhatEachSideIsGivenAndEachSideReadsIt() {
        List<String> readme = read("README.md").lines().toList();
        int start = indexOf(readme, "<!-- services-mode variables");
        int end = indexOf(readme, "<!-- end of services-mode variables");
        List<String[]> rows = readme.subList(start, end).stream().filter(line -> line.startsWith("| `"))
                                    .map(line -> line.split("\\|")).toList();
        assertThat(rows).isNotEmpty();
        List<String> services = List.of("command-side", "query-side", "saga-orchestrator");
        for (int column = 0; column < services.size(); column++) {
            String service = services.get(column);
            Map<String, String> given = new LinkedHashMap<>(environment(service));
            given.putAll(dockerfileEnvironment());
            List<String> listed = new ArrayList<>();
            for (String[] row : rows) {
                if (row[2 + column].contains("✓")) {
                    listed.add(row[1].strip().replace("`", ""));
                }
            }
            assertThat(listed).as("README's variables for " + service).containsExactlyInAnyOrderElementsOf(
                    given.keySet());
            SideProperties reads = sides().get(service).properties();
            listed.stream().filter(variable -> !READ_OUTSIDE_SPRING.contains(variable)).forEach(variable ->
                    assertThat(reads.reads(variable)).as("README says " + service + " reads " + variable).isTrue());
        }
    }

    @Test
    void theServicesProfileTheImageActivatesHasSettings() {
        String profile = dockerfileEnvironment().get("SPRING_PROFILES_ACTIVE");
        assertThat(profile).isEqualTo("services");
        assertThat(yaml("application-" + profile + ".yml")).isNotEmpty();
    }

    @Test
    void eachSideListensWhereItsHealthCheckTheGatewayAndPrometheusLook() {
        String nginx = read("gateway/nginx.conf");
        String prometheus = read("ops/prometheus/prometheus.yml");
        Properties defaults = yaml("tandem-defaults.yml");
        assertThat(defaults.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(defaults.values()).as("the health checks need no token").contains("/actuator/health/**");
        sides().forEach((service, side) -> {
            String port = yaml(side.profileFile()).getProperty("server.port");
            assertThat(environment(service)).containsEntry("SERVER_PORT", port);
            assertThat(String.join(" ", healthCheck(service)))
                    .contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
            assertThat(nginx).containsPattern("server\\s+" + service + ":" + port + ";");
            assertThat(prometheus).contains("\"" + service + ":" + port + "\"");
        });
    }

    @Test
    void imagesArePinnedAndEveryLongRunningServiceHasAHealthCheck() {
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            if (!service.containsKey("build")) {
                assertThat(String.valueOf(service.get("image"))).as(name).matches(".+:[^:/]+")
                        .doesNotEndWith(":latest");
            }
            if (!"no".equals(service.get("restart"))) {
                assertThat(healthCheck(name)).as(name + " health check").isNotEmpty();
            }
        });
        for (String dockerfile : List.of("Dockerfile", "elasticsearch/Dockerfile")) {
            read(dockerfile).lines().filter(line -> line.startsWith("FROM ")).forEach(line ->
                    assertThat(line.split("\\s+")[1]).as(dockerfile).matches(".+:[^:/]+").doesNotEndWith(":latest"));
        }
    }

    @Test
    void envExampleHoldsWhatComposeRequiresAndOnlyWhatComposeOrTheJarsUse() {
        List<String> lines = read(".env.example").lines().toList();
        int fixedSection = lines.indexOf(lines.stream().filter(line -> line.contains("Set by docker-compose.yml"))
                                              .findFirst().orElseThrow());
        Map<String, String> toFill = variables(lines.subList(0, fixedSection));
        Map<String, String> fixed = variables(lines.subList(fixedSection, lines.size()));

        Matcher interpolation = INTERPOLATION.matcher(composeText);
        while (interpolation.find()) {
            if ("?".equals(interpolation.group(2)) || ":?".equals(interpolation.group(2))) {
                assertThat(lines).as("compose requires " + interpolation.group(1))
                        .anyMatch(line -> line.startsWith(interpolation.group(1) + "="));
            }
        }
        toFill.keySet().forEach(variable -> assertThat(composeText.contains("${" + variable)
                || sides().keySet().stream().anyMatch(service -> environment(service).containsKey(variable)))
                .as(".env.example lists " + variable + ", which compose passes on").isTrue());
        Map<String, String> fixedByCompose = new LinkedHashMap<>(dockerfileEnvironment());
        sides().keySet().forEach(service -> environment(service).forEach((variable, value) ->
                fixedByCompose.putIfAbsent(variable, value)));
        fixed.forEach((variable, value) ->
                assertThat(fixedByCompose).as(".env.example says compose sets").containsEntry(variable, value));
    }

    private record Side(String profileFile, SideProperties properties) {
    }

    /** The services compose builds from this repository's Dockerfile, by module. */
    private Map<String, Side> sides() {
        Map<String, Side> sides = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            Object build = map(definition).get("build");
            if (build instanceof Map<?, ?> built && built.get("args") instanceof Map<?, ?> args) {
                String module = String.valueOf(args.get("MODULE"));
                String side = module.equals("saga-orchestrator") ? "saga" : module.replace("-side", "");
                String profileFile = "application-" + side + ".yml";
                sides.put(name, SIDES.computeIfAbsent(side, key -> new Side(profileFile, new SideProperties(
                        "io.tandem." + key, List.of("tandem-defaults.yml", profileFile, "application-services.yml")))));
            }
        });
        assertThat(sides).containsOnlyKeys("command-side", "query-side", "saga-orchestrator");
        return sides;
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(map(services.get(service)).get("environment")).forEach((variable, value) ->
                environment.put(variable, value == null ? null : String.valueOf(value)));
        return environment;
    }

    private List<String> healthCheck(String service) {
        Object test = map(map(services.get(service)).getOrDefault("healthcheck", Map.of())).get("test");
        return test == null ? List.of() : ((List<?>) test).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> dockerfileEnvironment() {
        String dockerfile = read("Dockerfile");
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher env = Pattern.compile("(?m)^ENV (?:.*\\\\\\n)*.*$").matcher(dockerfile);
        while (env.find()) {
            Matcher variable = DOCKERFILE_ENV.matcher(env.group().replaceAll("\"[^\"]*\"", "\"\""));
            while (variable.find()) {
                environment.put(variable.group(1), variable.group(2));
            }
        }
        environment.remove("JAVA_OPTS");
        return environment;
    }

    private static int indexOf(List<String> lines, String prefix) {
        return lines.indexOf(lines.stream().filter(line -> line.startsWith(prefix)).findFirst()
                                  .orElseThrow(() -> new AssertionError("README has no line " + prefix)));
    }

    private static Map<String, String> variables(List<String> lines) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher variable = ENV_LINE.matcher(line);
            if (variable.matches()) {
                variables.put(variable.group(1), variable.group(2));
            }
        }
        return variables;
    }

    private static Properties yaml(String classpathFile) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(classpathFile));
        return yaml.getObject();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return yaml == null ? Map.of() : (Map<String, Object>) yaml;
    }

    private static String read(String file) {
        try {
            return Files.readString(ROOT.resolve(file));
        } catch (IOException e) {
            throw new IllegalStateException("Run from the launcher module: " + ROOT.resolve(file), e);
        }
    }
}
