package io.tandem.benchmarks;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Fills the JDBC event store with airport registrations fast, by {@code COPY} of rows serialized as the storage
 * serializer writes them (JSON payload and metadata, the class name as payload type), so a replay has a store of
 * a million events within a minute. Codes cycle through AAA..ZZZ and each code is one aggregate, so the airports
 * projection upserts 17,576 rows over and over, each row always from the same segment (as with real aggregates,
 * whose rows only their own segment writes).
 */
final class SyntheticEvents {

    static final String PAYLOAD_TYPE = "io.tandem.api.flight.FlightEvents$AirportRegisteredEvent";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                                                                        .withZone(ZoneOffset.UTC);
    private static final String METADATA = "\\x" + HexFormat.of().formatHex("{}".getBytes(StandardCharsets.UTF_8));
    private static final int ROWS_PER_COPY = 20_000;
    private static final int CODES = 26 * 26 * 26;

    private SyntheticEvents() {
    }

    /**
     * Appends {@code count} events, numbered on from {@code first} (so a second call continues the codes' sequence
     * numbers), in COPYs of 20,000 rows; answers how long it took in nanoseconds.
     */
    static long append(BenchmarkServers servers, int first, int count) throws SQLException, IOException {
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(),
                                                                 servers.password())) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String timestamp = TIMESTAMP.format(Instant.now());
            int end = first + count;
            for (int from = first; from < end; from += ROWS_PER_COPY) {
                StringBuilder rows = new StringBuilder();
                for (int i = from; i < Math.min(end, from + ROWS_PER_COPY); i++) {
                    rows.append("bench-airport-").append(code(i)).append(',').append(i / CODES).append(",Airport,")
                        .append(UUID.randomUUID()).append(',').append(METADATA).append(',').append(payload(i))
                        .append(",,")
                        .append(PAYLOAD_TYPE).append(',').append(timestamp).append('\n');
                }
                copy.copyIn("COPY domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                            + " metadata, payload, payloadrevision, payloadtype, timestamp) FROM STDIN (FORMAT csv)",
                            new StringReader(rows.toString()));
            }
        }
        return System.nanoTime() - started;
    }

    private static String code(int i) {
        return new String(new char[]{(char) ('A' + i / 676 % 26), (char) ('A' + i / 26 % 26), (char) ('A' + i % 26)});
    }

    private static String payload(int i) {
        String code = code(i);
        String json = "{\"code\":\"" + code + "\",\"nameEn\":\"Benchmark " + code + " International\","
                      + "\"nameKo\":\"벤치마크 " + code + " 국제공항\",\"cityEn\":\"Bench City\","
                      + "\"cityKo\":\"벤치\",\"country\":\"KR\",\"timeZone\":\"Asia/Seoul\"}";
        return "\\x" + HexFormat.of().formatHex(json.getBytes(StandardCharsets.UTF_8));
    }
}
