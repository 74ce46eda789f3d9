package io.tandem.benchmarks;

import io.tandem.embedded.EmbeddedElasticsearchNode;
import io.tandem.embedded.EmbeddedPostgresServer;
import io.tandem.testsupport.mail.TestMailbox;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every benchmark runs against, in its own JVM: a real PostgreSQL 17 (durable commits: fsync and synchronous
 * commit on) with a database {@code tandem}, and an Elasticsearch 8.19 node, both in a temporary directory that
 * {@link #close()} deletes, so a run leaves nothing behind.
 */
final class BenchmarkServers implements AutoCloseable {

    private static final String DATABASE = "tandem";

    private final Path data;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedElasticsearchNode elasticsearch;

    private BenchmarkServers(Path data, EmbeddedPostgresServer postgres, EmbeddedElasticsearchNode elasticsearch) {
        this.data = data;
        this.postgres = postgres;
        this.elasticsearch = elasticsearch;
    }

    static BenchmarkServers start(String directoryPrefix) throws IOException {
        Path data = Files.createTempDirectory(directoryPrefix);
        EmbeddedPostgresServer postgres = null;
        try {
            postgres = EmbeddedPostgresServer.start(data.resolve("postgres"));
            postgres.createDatabase(DATABASE);
            return new BenchmarkServers(data, postgres,
                                        EmbeddedElasticsearchNode.start(data.resolve("elasticsearch")));
        } catch (RuntimeException e) {
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                deleteRecursively(data);
            }
            throw e;
        }
    }

    String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    String username() {
        return postgres.username();
    }

    String password() {
        return postgres.password();
    }

    String elasticsearchUrl() {
        return elasticsearch.httpUrl();
    }

    /**
     * Starts {@code application} with {@code profiles} on a random port against these servers. The arguments come
     * in layers, each replacing what an earlier one set for the same property: the defaults every benchmark needs,
     * then each list given, in order (the benchmark's own, then the user's {@code --tandem.}/{@code --spring.}).
     */
    @SafeVarargs
    final ConfigurableApplicationContext run(Class<?> application, String[] profiles, List<String>... arguments) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> defaults = List.of(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=" + username(),
                "--spring.datasource.password=" + password(),
                "--tandem.search.url=" + elasticsearchUrl(),
                "--tandem.data-dir=" + data,
                "--tandem.storage.type=local",
                "--tandem.security.jwt.secret=" + Base64.getEncoder().encodeToString(key),
                "--axon.axonserver.enabled=false",
                "--axoniq.update-checker.disabled=true",
                "--logging.level.root=WARN",
                "--logging.level.org.elasticsearch=ERROR",
                // searches of an index while it is being created answer 503; the loaders retry them
                "--logging.level.rest.suppressed=ERROR",
                // sign-ups are confirmed with the code mailed to an SMTP server in this JVM
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + TestMailbox.shared().smtpPort(),
                // every client here is 127.0.0.1, standing for many people: limits per address would only count them
                "--tandem.rate-limit.login-address=1000000/1m",
                "--tandem.rate-limit.signup-address=1000000/1m");
        // a property given twice on Spring's command line becomes "first,second", so later layers replace instead
        Map<String, String> byName = new LinkedHashMap<>();
        List<List<String>> layers = new ArrayList<>(List.of(defaults));
        layers.addAll(List.of(arguments));
        for (List<String> layer : layers) {
            for (String argument : layer) {
                byName.put(argument.split("=", 2)[0], argument);
            }
        }
        SpringApplication spring = new SpringApplication(application);
        spring.setAdditionalProfiles(profiles);
        long starting = System.nanoTime();
        ConfigurableApplicationContext context = spring.run(byName.values().toArray(String[]::new));
        System.out.printf(Locale.ROOT, "Application started in %.1f s%n", (System.nanoTime() - starting) / 1e9);
        return context;
    }

    /** Where a started application answers HTTP (and WebSocket) requests. */
    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        try {
            elasticsearch.close();
        } finally {
            try {
                postgres.close();
            } finally {
                deleteRecursively(data);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
