package io.tandem.launcher.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tandem.mode=infrastructure} in this JVM: PostgreSQL, Elasticsearch and S3Proxy on the ports asked for,
 * the variables for the service jars written next to their data, everything stopped with the context, and the data
 * still there on the next start.
 */
class InfrastructureModeTest {

    @TempDir
    Path dataDir;

    @Test
    void serversListenOnTheirPortsPointedAtByTheEnvFileAndKeepTheirDataAcrossRestarts() throws Exception {
        String[] arguments = {"--tandem.data-dir=" + dataDir, "--tandem.infrastructure.postgres-port=" + freePort(),
                              "--tandem.infrastructure.elasticsearch-port=" + freePort(),
                              "--tandem.infrastructure.s3-port=" + freePort()};
        Map<String, String> env;
        try (ConfigurableApplicationContext infrastructure = InfrastructureMode.run(arguments)) {
            env = envFile();
            assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "services")
                           .containsEntry("SPRING_DATASOURCE_URL",
                                          "jdbc:postgresql://localhost:" + port(arguments[1]) + "/tandem")
                           .containsEntry("TANDEM_SEARCH_URL", "http://127.0.0.1:" + port(arguments[2]))
                           .containsEntry("TANDEM_STORAGE_S3_ENDPOINT", "http://127.0.0.1:" + port(arguments[3]))
                           .containsEntry("TANDEM_STORAGE_S3_ACCESS_KEY", "tandem")
                           .containsKey("TANDEM_STORAGE_S3_SECRET_KEY");
            try (Connection connection = postgres(env); ResultSet database = connection.createStatement()
                    .executeQuery("SELECT current_database()")) {
                assertThat(database.next()).isTrue();
                assertThat(database.getString(1)).isEqualTo("tandem");
                connection.createStatement().execute("CREATE TABLE kept (id int)");
            }
            assertThat(get(env.get("TANDEM_SEARCH_URL") + "/_cluster/health")).isEqualTo(200);
            try (S3Client s3 = s3(env)) {
                s3.createBucket(request -> request.bucket("tandem-files"));
                s3.putObject(request -> request.bucket("tandem-files").key("kept.txt"), RequestBody.fromString("kept"));
            }
        }
        assertThatThrownBy(() -> get(env.get("TANDEM_STORAGE_S3_ENDPOINT"))).as("S3Proxy stopped")
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> postgres(env)).as("PostgreSQL stopped").isInstanceOf(java.sql.SQLException.class);

        try (ConfigurableApplicationContext again = InfrastructureMode.run(arguments)) {
            assertThat(envFile()).as("the same secret key").isEqualTo(env);
            try (Connection connection = postgres(env)) {
                connection.createStatement().execute("SELECT count(*) FROM kept");
            }
            try (S3Client s3 = s3(env)) {
                assertThat(s3.getObjectAsBytes(request -> request.bucket("tandem-files").key("kept.txt"))
                             .asUtf8String()).isEqualTo("kept");
            }
        }
    }

    private Map<String, String> envFile() throws IOException {
        return Files.readAllLines(dataDir.resolve("infrastructure").resolve(InfrastructureServers.ENV_FILE)).stream()
                    .filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("=", 2))
                    .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static Connection postgres(Map<String, String> env) throws java.sql.SQLException {
        return DriverManager.getConnection(env.get("SPRING_DATASOURCE_URL"), env.get("SPRING_DATASOURCE_USERNAME"),
                                           env.get("SPRING_DATASOURCE_PASSWORD"));
    }

    private static S3Client s3(Map<String, String> env) {
        return S3Client.builder()
                       .endpointOverride(URI.create(env.get("TANDEM_STORAGE_S3_ENDPOINT")))
                       .region(Region.US_EAST_1)
                       .forcePathStyle(true)
                       .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                               env.get("TANDEM_STORAGE_S3_ACCESS_KEY"), env.get("TANDEM_STORAGE_S3_SECRET_KEY"))))
                       .build();
    }

    private static int get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                                               HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String port(String argument) {
        return argument.substring(argument.indexOf('=') + 1);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
