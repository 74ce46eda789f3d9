package io.tandem.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Run in a JVM of its own by {@link EmbeddedServersShutdownTest}: an application whose last bean, like an event
 * processor storing its token, still uses both servers while the context closes at JVM exit.
 */
@Configuration(proxyBeanMethods = false)
class ShutdownOrderApplication {

    static final String CLOSED_WITH_SERVERS_UP = "context closed while both servers answered";

    @Bean
    DisposableBean lastWriter(Environment environment) {
        return () -> {
            try (Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password"))) {
                connection.createStatement().execute("CREATE TABLE IF NOT EXISTS token (owner text)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Http.ok("GET", environment.getProperty("tandem.search.url") + "/_cluster/health", null);
            System.out.println(CLOSED_WITH_SERVERS_UP);
        };
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ShutdownOrderApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args);
        // returning lets the JVM exit: the servers' threads must not keep it alive
    }
}
