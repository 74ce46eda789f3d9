package io.tandem.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SharedServersTest {

    @Test
    void concurrentCallersGetDatabasesOfTheirOwnOnOneServer() throws Exception {
        List<String> urls = concurrently(8, SharedPostgres::newDatabase);

        assertThat(urls).doesNotHaveDuplicates();
        assertThat(urls).extracting(SharedServersTest::server).containsOnly(server(urls.get(0)));
        for (String url : urls) {
            try (Connection connection = DriverManager.getConnection(url, SharedPostgres.USERNAME, null);
                    Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE token (owner text)");
                sql.execute("INSERT INTO token VALUES ('" + url + "')");
                try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM token")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void concurrentCallersShareOneElasticsearchNode() throws Exception {
        List<String> urls = concurrently(4, SharedElasticsearch::httpUrl);

        assertThat(urls).containsOnly(urls.get(0));
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(urls.get(0) + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"green\"");
    }

    /** The JDBC URL without the database name. */
    private static String server(String jdbcUrl) {
        return jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/'));
    }

    private static List<String> concurrently(int callers, Callable<String> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> results = threads.invokeAll(IntStream.range(0, callers).mapToObj(i -> call).toList());
            List<String> values = new ArrayList<>();
            for (Future<String> result : results) {
                values.add(result.get());
            }
            return values;
        } finally {
            threads.shutdownNow();
        }
    }
}
