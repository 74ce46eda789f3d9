package io.tandem.launcher.infrastructure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -jar launcher.jar --tandem.mode=infrastructure}: only the servers the three service jars need besides
 * Axon Server (PostgreSQL, Elasticsearch and an S3-compatible store) on fixed ports, until stopped. No application
 * runs in this JVM and nothing is auto-configured. Deliberately no {@code @Configuration}: the launcher's component
 * scan must never pick it up.
 */
@EnableConfigurationProperties(InfrastructureProperties.class)
public class InfrastructureMode {

    public static final String MODE = "infrastructure";

    public static ConfigurableApplicationContext run(String... args) {
        SpringApplication application = new SpringApplication(InfrastructureMode.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // the servers run in threads of their own and a child process: this keeps the JVM up until it is stopped
        application.setDefaultProperties(Map.of("spring.main.keep-alive", "true"));
        return application.run(args);
    }

    @Bean(destroyMethod = "close")
    InfrastructureServers infrastructureServers(InfrastructureProperties properties, Environment environment) {
        Path dataDir = properties.dataDir() != null
                ? properties.dataDir()
                : Path.of(environment.getProperty("tandem.data-dir", "./data"), MODE);
        return InfrastructureServers.start(properties, dataDir.toAbsolutePath().normalize());
    }
}
