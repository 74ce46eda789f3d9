package io.tandem.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The baseline every benchmark compares with, in the same run and the same PostgreSQL: autocommitted single-row
 * INSERTs of a ~400-byte row into a scratch table over JDBC, one connection per thread. Each is one durable commit,
 * the least any write through the event store costs.
 */
final class InsertBaseline {

    private static final String PAYLOAD = "x".repeat(400);
    private static final int WARM_UP = 500;

    private InsertBaseline() {
    }

    /** One measurement: {@code nanos} are the single inserts' latencies, sorted. */
    record Inserts(int threads, int count, long[] nanos, long wallNanos) {

        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    /** Creates the scratch table, warms up with one thread, then measures {@code count} inserts per thread count. */
    static List<Inserts> measure(BenchmarkServers servers, int count, int... threadCounts) throws SQLException {
        try (Connection connection = connect(servers); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_scratch (id bigserial PRIMARY KEY, "
                              + "created_at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)");
        }
        insert(servers, 1, Math.min(count, WARM_UP));
        List<Inserts> results = new ArrayList<>();
        for (int threads : threadCounts) {
            results.add(insert(servers, threads, count));
        }
        return results;
    }

    /** {@code total} inserts from {@code threads} connections, opened and prepared before the clock starts. */
    private static Inserts insert(BenchmarkServers servers, int threads, int total) throws SQLException {
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> inserts = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Connection connection = connect(servers);
                connections.add(connection);
                connection.setAutoCommit(true);
                inserts.add(connection.prepareStatement("INSERT INTO bench_scratch (payload) VALUES (?)"));
            }
            long[] nanos = new long[total];
            long wall = Parallel.run("insert", threads, total, inserts::get, (insert, i) -> {
                long started = System.nanoTime();
                insert.setString(1, PAYLOAD);
                insert.executeUpdate();
                nanos[i] = System.nanoTime() - started;
            });
            Arrays.sort(nanos);
            return new Inserts(threads, total, nanos, wall);
        } finally {
            for (Connection connection : connections) {
                connection.close(); // closes its statement too
            }
        }
    }

    private static Connection connect(BenchmarkServers servers) throws SQLException {
        return DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
    }
}
