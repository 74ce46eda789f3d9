package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.launcher.FuzzRequests.FuzzRequest;
import io.tandem.platform.security.JwtProperties;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any input gets a clear answer: every operation of {@code /v3/api-docs} receives malformed bodies, wrong types,
 * huge numbers, overlong strings, NUL and other control characters, lone surrogates, traversal in file names and
 * path segments, plus what only the servlet container sees (encoded slashes, {@code %00}, an 9 KB request line).
 * No answer may be a 5xx; every 4xx is problem+json with a stable {@code code}; and no request that was refused
 * stored an event. The inputs are drawn from a fixed seed, so a failure replays.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ApiFuzzTest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261206L;
    private static final Pattern STABLE_CODE = Pattern.compile("[a-z][a-z0-9_]*");
    /** In JSON: a C0 control character other than tab and line breaks, or a lone surrogate, escaped. */
    private static final Pattern JSON_CONTROL_CHARACTER = Pattern.compile("\\\\u00[01][0-9a-fA-F]|\\\\u[dD][89a-fA-F]");
    /** In a URL or a file name: a C0 control character, percent-encoded or raw (a raw line break ends a header). */
    private static final Pattern URL_CONTROL_CHARACTER =
            Pattern.compile("%[01][0-9a-fA-F]|[\\x00-\\x09\\x0B-\\x0C\\x0E-\\x1F]");

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder jwtEncoder;
    @Autowired
    JwtProperties jwtProperties;

    private TestTokens tokens() {
        return new TestTokens(jwtEncoder, jwtProperties);
    }
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyOperationAnswersEveryBadInputWithAClearClientError() {
        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + port);
        CoupleUsers.User user = CoupleUsers.signUp(anonymous, "Fuzz");
        CoupleUsers.link(user, CoupleUsers.signUp(anonymous, "Partner"));
        String userToken = tokens().user(user.id());
        String adminToken = tokens().admin(user.id());
        byte[] documentBytes = anonymous.as(adminToken).get("/v3/api-docs").bytes();
        write("api-docs.json", new String(documentBytes, StandardCharsets.UTF_8));
        JsonNode document = readJson(documentBytes);

        List<FuzzRequest> requests = new ArrayList<>(FuzzRequests.of(document, FuzzOperation.all(document), SEED));
        requests.addAll(containerLevel());
        long lastEventBefore = lastGlobalIndex();
        RawHttp http = new RawHttp(port);
        Map<String, Integer> byStatus = new TreeMap<>();
        Set<String> refusedCorrelationIds = new HashSet<>();
        List<String> failures = new ArrayList<>();
        StringBuilder answers = new StringBuilder();
        Instant started = Instant.now();
        for (int i = 0; i < requests.size(); i++) {
            FuzzRequest request = requests.get(i);
            String correlationId = "fuzz-%06d".formatted(i);
            RawHttp.Response response = http.send(request.method(), request.target(),
                                                  headers(request, correlationId, userToken, adminToken),
                                                  request.body());
            byStatus.merge(response.status() / 100 + "xx " + response.status(), 1, Integer::sum);
            answers.append(response.status()).append(' ').append(describe(request)).append('\n');
            String problem = request.method().equals("HEAD") ? null : problemWith(response);
            if (response.status() < 400 && carriesControlCharacters(request)) {
                problem = "accepted a control character";
            }
            if (problem != null) {
                failures.add(describe(request) + " -> " + response.status() + " " + problem + ": "
                             + RawHttp.abbreviated(response.text()));
            }
            if (response.status() >= 400) {
                refusedCorrelationIds.add(correlationId);
            }
        }
        Duration took = Duration.between(started, Instant.now());
        write("api-fuzz-answers.txt", answers.toString());
        failures.addAll(eventsStoredFor(refusedCorrelationIds, lastEventBefore, requests));
        System.out.printf("API fuzz: %d requests in %d s, answers %s%n", requests.size(), took.toSeconds(),
                          byStatus);
        assertThat(failures).as("%d of %d fuzz requests got an unclear answer", failures.size(), requests.size())
                            .isEmpty();
    }

    /** Refused before any handler: by the servlet container or the security firewall. */
    private static List<FuzzRequest> containerLevel() {
        FuzzOperation files = new FuzzOperation("GET", "/api/files/{file_id}", List.of(), null, null);
        List<FuzzRequest> raw = new ArrayList<>();
        for (String target : List.of("/api/files/a%2Fb", "/api/files/a%00b", "/api/files/%2e%2e%2f%2e%2e",
                                     "/api/files/a%5Cb", "/api//files/x", "/api/files/x;jsessionid=1",
                                     "/api/files/%", "/api/files/a\u0001b", "/api/files/\u00e9",
                                     "/api/flights/airports?q=" + "a".repeat(9_000), "*", "/api/files/x#frag")) {
            raw.add(new FuzzRequest("container " + RawHttp.abbreviated(target), files, "GET", target, null, null));
        }
        raw.add(new FuzzRequest("container method G@T", files, "G@T", "/api/files/x", null, null));
        return raw;
    }

    private static Map<String, String> headers(FuzzRequest request, String correlationId, String userToken,
                                               String adminToken) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + (request.operation().admin() ? adminToken : userToken));
        headers.put("X-Correlation-Id", correlationId);
        headers.put("Accept", request.operation().path().endsWith("/stream") ? "text/event-stream"
                                                                             : "application/json");
        if (request.contentType() != null) {
            headers.put("Content-Type", request.contentType());
        }
        return headers;
    }

    /** Every NUL or other control character must be refused (tab and line breaks pass in JSON text only). */
    private static boolean carriesControlCharacters(FuzzRequest request) {
        boolean json = request.what().startsWith("field ") || request.what().startsWith("body ");
        return (json ? JSON_CONTROL_CHARACTER : URL_CONTROL_CHARACTER).matcher(request.what()).find();
    }

    /** The document fuzzed and the whole run, answer by answer, for whoever reads a failure. */
    private static void write(String file, String text) {
        try {
            Files.writeString(Path.of("target", file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with the answer, or null when it is a success or a clear client error. */
    private static String problemWith(RawHttp.Response response) {
        if (response.status() >= 500) {
            return "server error";
        }
        if (response.status() < 400) {
            return null;
        }
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "not problem+json (" + type + ")";
        }
        JsonNode code;
        try {
            code = JSON.readTree(response.body()).get("code");
        } catch (IOException e) {
            return "unreadable problem";
        }
        return code != null && code.isTextual() && STABLE_CODE.matcher(code.asText()).matches() ? null
                                                                                                 : "no stable code";
    }

    /**
     * Events a refused request stored. The operator log's record of the attempt itself is no change: an operator
     * action that ended {@code REFUSED} is what the log is for (who tried what, and that it was refused).
     */
    private List<String> eventsStoredFor(Set<String> refused, long after, List<FuzzRequest> requests) {
        List<String> halfWritten = new ArrayList<>();
        // read in Java, not as jsonb: PostgreSQL's jsonb refuses a stored \u0000, which is what this test hunts
        Set<String> refusedActions = new HashSet<>();
        jdbc.sql("""
                 SELECT aggregateidentifier, payload FROM domainevententry
                 WHERE globalindex > :after AND type = 'OperatorAction'
                 """)
            .param("after", after).query(row -> {
                if ("REFUSED".equals(readJson(row.getBytes("payload")).path("outcome").asText())) {
                    refusedActions.add(row.getString("aggregateidentifier"));
                }
            });
        jdbc.sql("""
                 SELECT type, aggregateidentifier, convert_from(metadata, 'UTF8') AS metadata FROM domainevententry
                 WHERE globalindex > :after
                 """)
            .param("after", after).query((row, number) -> {
                String correlationId = readJson(row.getString("metadata").getBytes()).path("correlation_id").asText();
                boolean attemptRecord = "OperatorAction".equals(row.getString("type"))
                                        && refusedActions.contains(row.getString("aggregateidentifier"));
                if (refused.contains(correlationId) && !attemptRecord) {
                    FuzzRequest request = requests.get(Integer.parseInt(correlationId.substring(5)));
                    halfWritten.add(describe(request) + " was refused but stored an event");
                }
                return correlationId;
            }).list();
        return halfWritten;
    }

    private long lastGlobalIndex() {
        return jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry").query(Long.class).single();
    }

    private static String describe(FuzzRequest request) {
        String line = request.operation() + " [" + request.what() + "] " + request.method() + " "
                      + RawHttp.abbreviated(request.target());
        StringBuilder printable = new StringBuilder();
        line.chars().forEach(c -> printable.append(c < 0x20 ? "\\x%02x".formatted(c) : String.valueOf((char) c)));
        return printable.toString();
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
