package io.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

class EmbeddedServersListenerTest {

    @Configuration(proxyBeanMethods = false)
    static class EmptyApplication {
    }

    @Test
    void doesNothingUnlessEnabled() {
        try (ConfigurableApplicationContext context = run()) {
            assertThat(context.getEnvironment().getPropertySources()
                    .contains(EmbeddedServersListener.PROPERTY_SOURCE_NAME)).isFalse();
            assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isNull();
        }
    }

    @Test
    void leavesGivenAddressesAlone() {
        String jdbcUrl = "jdbc:postgresql://db.invalid/tandem";
        try (ConfigurableApplicationContext context = run("--tandem.embedded.enabled=true",
                "--spring.datasource.url=" + jdbcUrl, "--tandem.search.url=http://search.invalid")) {
            Environment environment = context.getEnvironment();
            assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(jdbcUrl);
            assertThat(environment.getProperty("tandem.search.url")).isEqualTo("http://search.invalid");
        }
    }

    @Test
    void applicationsOnOneDataDirectoryShareServersThatOutliveTheirContexts() throws SQLException, IOException {
        // Under target/ rather than a JUnit temporary directory: the servers stop when the JVM exits, after
        // JUnit would have deleted that directory under them.
        Path dataDirectory = Path.of("target", "embedded-servers-test", UUID.randomUUID().toString()).toAbsolutePath();
        String[] arguments = {"--tandem.embedded.enabled=true", "--tandem.data-dir=" + dataDirectory};
        CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(() -> run(arguments));
        String jdbcUrl;
        String password;
        String searchUrl;
        try (ConfigurableApplicationContext first = run(arguments)) {
            Environment environment = first.getEnvironment();
            jdbcUrl = environment.getProperty("spring.datasource.url");
            password = environment.getProperty("spring.datasource.password");
            searchUrl = environment.getProperty("tandem.search.url");
            assertThat(jdbcUrl).matches("jdbc:postgresql://localhost:\\d+/tandem");
            assertThat(searchUrl).matches("http://127\\.0\\.0\\.1:\\d+");
            try (ConfigurableApplicationContext other = second.join()) {
                assertThat(other.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(jdbcUrl);
                assertThat(other.getEnvironment().getProperty("tandem.search.url")).isEqualTo(searchUrl);
            }
            assertElasticsearchLogsReachSpringBootsLogback(searchUrl);
        }

        assertThat(password).as("the generated one kept with the data")
                            .isEqualTo(Files.readString(dataDirectory.resolve("postgres-password")));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", password);
                Statement sql = connection.createStatement();
                ResultSet database = sql.executeQuery("SELECT current_database()")) {
            assertThat(database.next()).isTrue();
            assertThat(database.getString(1)).isEqualTo("tandem");
        }
        Http.ok("GET", searchUrl + "/_cluster/health", null);
        assertThat(dataDirectory.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDirectory.resolve("elasticsearch/_state")).isDirectory();
    }

    private static void assertElasticsearchLogsReachSpringBootsLogback(String searchUrl) {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
        assertThat(ElasticsearchLogs.during(() -> Http.ok("PUT", searchUrl + "/boot-logged", null)))
                .anyMatch(message -> message.contains("[boot-logged] creating index"));
    }

    private static ConfigurableApplicationContext run(String... arguments) {
        return new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE).run(arguments);
    }
}
