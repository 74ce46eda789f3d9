package io.tandem.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.elasticsearch.Build;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationShutdownHandlers;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With {@code tandem.embedded.enabled=true}, starts the servers the application is not given an address of:
 * PostgreSQL with data in {@code ${tandem.data-dir}/postgres} unless {@code spring.datasource.url} is set, and
 * Elasticsearch with data in {@code ${tandem.data-dir}/elasticsearch} unless {@code tandem.search.url} is set
 * ({@code tandem.data-dir} defaults to {@code ./data}). Their addresses go into a property source that wins over all
 * others.
 * <p>
 * It runs once the environment is prepared and logging is configured, so each server's start and readiness are
 * logged as they happen rather than after the fact. Applications in the same JVM on the same data directory share
 * one server. Servers stop in a Spring Boot shutdown handler, which runs after every application context registered
 * for shutdown has closed, so event processors can still write while they stop.
 */
class EmbeddedServersListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** Right after logging is configured from the prepared environment. */
    static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

    static final String PROPERTY_SOURCE_NAME = "tandemEmbeddedServers";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServersListener.class);

    private static final String DATABASE = "tandem";

    private static final Map<Path, EmbeddedPostgresServer> POSTGRES = new ConcurrentHashMap<>();
    private static final Map<Path, EmbeddedElasticsearchNode> ELASTICSEARCH = new ConcurrentHashMap<>();

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (!environment.getProperty("tandem.embedded.enabled", Boolean.class, false)) {
            return;
        }
        SpringApplication application = event.getSpringApplication();
        Path dataDirectory = Path.of(environment.getProperty("tandem.data-dir", "./data")).toAbsolutePath().normalize();
        Map<String, Object> properties = new LinkedHashMap<>();
        if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            properties.putAll(postgres(dataDirectory.resolve("postgres"), application));
        }
        if (!StringUtils.hasText(environment.getProperty("tandem.search.url"))) {
            properties.putAll(elasticsearch(dataDirectory.resolve("elasticsearch"), application));
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        }
    }

    private Map<String, Object> postgres(Path dataDirectory, SpringApplication application) {
        EmbeddedPostgresServer postgres = shared(POSTGRES, dataDirectory, directory -> {
            log.info("Starting embedded PostgreSQL with data in {} (binaries unpacked under {})", directory,
                     EmbeddedPostgresServer.binariesDirectory());
            return EmbeddedPostgresServer.start(directory, log::warn);
        }, application);
        postgres.createDatabase(DATABASE);
        return Map.of(
                "spring.datasource.url", postgres.jdbcUrl(DATABASE),
                "spring.datasource.username", postgres.username(),
                "spring.datasource.password", postgres.password());
    }

    private Map<String, Object> elasticsearch(Path dataDirectory, SpringApplication application) {
        EmbeddedElasticsearchNode elasticsearch = shared(ELASTICSEARCH, dataDirectory, directory -> {
            log.info("Starting embedded Elasticsearch with data in {}", directory);
            return EmbeddedElasticsearchNode.start(directory);
        }, application);
        if (Build.current().isSnapshot()) {
            // Elasticsearch reads its version from its jar's manifest only when the jar is a plain file
            log.warn("Elasticsearch could not read its version and runs as a snapshot build, with experimental"
                    + " features on: in a Spring Boot fat jar, list org.elasticsearch:elasticsearch under the"
                    + " Spring Boot Maven plugin's requiresUnpack");
        }
        return Map.of("tandem.search.url", elasticsearch.httpUrl());
    }

    private <S extends AutoCloseable> S shared(Map<Path, S> servers, Path dataDirectory, Function<Path, S> start,
            SpringApplication application) {
        return servers.computeIfAbsent(dataDirectory, directory -> {
            S server = start.apply(directory);
            Runnable stop = () -> stop(servers, directory, server);
            SpringApplicationShutdownHandlers handlers = SpringApplication.getShutdownHandlers();
            // at once, so the server stops even if this application fails before its context is prepared
            handlers.add(stop);
            // Handlers run in reverse order of registration and Boot registers the one that stops Logback after
            // this point: registering again once the context is prepared keeps the server's stop logged.
            application.addInitializers(context -> {
                handlers.remove(stop);
                handlers.add(stop);
            });
            return server;
        });
    }

    private <S extends AutoCloseable> void stop(Map<Path, S> servers, Path dataDirectory, S server) {
        servers.remove(dataDirectory, server);
        try {
            server.close();
        } catch (Exception e) {
            // the other server's handler must still run
            log.warn("Embedded server with data in {} did not stop cleanly", dataDirectory, e);
        }
    }
}
