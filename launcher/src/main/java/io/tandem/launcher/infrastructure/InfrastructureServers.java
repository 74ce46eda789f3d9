package io.tandem.launcher.infrastructure;

import io.tandem.embedded.EmbeddedElasticsearchNode;
import io.tandem.embedded.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL (database {@value #DATABASE}), Elasticsearch and S3Proxy on the configured ports, with their data under
 * one directory. Once all three answer, it writes {@value #ENV_FILE} there: the variables that point the service jars
 * at them. Closing stops them in reverse order.
 */
final class InfrastructureServers implements AutoCloseable {

    static final String DATABASE = "tandem";
    static final String ENV_FILE = "services.env";

    private static final Logger log = LoggerFactory.getLogger(InfrastructureServers.class);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    private InfrastructureServers() {
    }

    static InfrastructureServers start(InfrastructureProperties properties, Path dataDir) {
        long startNanos = System.nanoTime();
        InfrastructureServers servers = new InfrastructureServers();
        try {
            log.info("Starting PostgreSQL on port {} with data in {} (binaries unpacked under {})",
                     properties.postgresPort(), dataDir.resolve("postgres"), EmbeddedPostgresServer.binariesDirectory());
            EmbeddedPostgresServer postgres = servers.started(
                    EmbeddedPostgresServer.start(dataDir.resolve("postgres"), properties.postgresPort()));
            postgres.createDatabase(DATABASE);
            log.info("Starting Elasticsearch on port {} with data in {}", properties.elasticsearchPort(),
                     dataDir.resolve("elasticsearch"));
            EmbeddedElasticsearchNode elasticsearch = servers.started(EmbeddedElasticsearchNode.start(
                    dataDir.resolve("elasticsearch"), properties.elasticsearchPort()));
            String secretKey = secretKey(dataDir.resolve("s3-secret-key"));
            S3ProxyServer s3 = servers.started(S3ProxyServer.start(dataDir.resolve("s3"), properties.s3Port(),
                                                                   properties.s3AccessKey(), secretKey));
            Path envFile = writeEnvFile(dataDir.resolve(ENV_FILE), List.of(
                    "SPRING_PROFILES_ACTIVE=services",
                    "SPRING_DATASOURCE_URL=" + postgres.jdbcUrl(DATABASE),
                    "SPRING_DATASOURCE_USERNAME=" + postgres.username(),
                    "SPRING_DATASOURCE_PASSWORD=" + postgres.password(),
                    "TANDEM_SEARCH_URL=" + elasticsearch.httpUrl(),
                    "TANDEM_STORAGE_S3_ENDPOINT=" + s3.endpoint(),
                    "TANDEM_STORAGE_S3_ACCESS_KEY=" + properties.s3AccessKey(),
                    "TANDEM_STORAGE_S3_SECRET_KEY=" + secretKey));
            log.info("Infrastructure ready in {} ms: PostgreSQL {}, Elasticsearch {}, S3 {}. The variables for the"
                     + " service jars are in {} (Ctrl+C stops everything)",
                     TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), postgres.jdbcUrl(DATABASE),
                     elasticsearch.httpUrl(), s3.endpoint(), envFile);
            return servers;
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    private <S extends AutoCloseable> S started(S server) {
        running.push(server);
        return server;
    }

    /** S3Proxy's secret key: generated on first start and kept with the data, never logged. */
    private static String secretKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[20];
                new SecureRandom().nextBytes(random);
                writeOwnerOnly(file, HexFormat.of().formatHex(random));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    private static Path writeEnvFile(Path file, List<String> variables) {
        try {
            writeOwnerOnly(file, "# Written by the launcher in tandem.mode=infrastructure for the three service jars"
                                 + " (README: Services mode without Docker)\n" + String.join("\n", variables) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply
        }
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable server = running.pop();
            try {
                server.close();
            } catch (Exception e) {
                // the others must still stop
                log.warn("{} did not stop cleanly", server, e);
            }
        }
    }
}
