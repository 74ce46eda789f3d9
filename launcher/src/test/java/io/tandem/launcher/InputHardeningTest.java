package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.platform.security.JwtProperties;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input the API refuses cleanly, each case an attack from the security review or the event-pipeline issue that
 * was accepted (or answered 500) before: NUL and control characters anywhere (issue 12 part 1a), bodies without a
 * size limit (H3), paging that overflows (L5) and what the servlet container refuses itself (problem+json).
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class InputHardeningTest {

    @LocalServerPort
    int port;
    @Autowired
    JwtEncoder jwtEncoder;
    @Autowired
    JwtProperties jwtProperties;

    private TestTokens tokens() {
        return new TestTokens(jwtEncoder, jwtProperties);
    }

    private ApiClient anonymous;
    private CoupleUsers.User user;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        user = CoupleUsers.signUp(anonymous, "Input");
    }

    @Test
    void nulAndControlCharactersAreRefusedNamingTheField() {
        CoupleUsers.link(user, CoupleUsers.signUp(anonymous, "Partner"));
        ApiClient admin = anonymous.as(tokens().admin(user.id()));

        assertRefused(anonymous.post("/api/auth/login", "{\"username\":\"a\\u0000b\",\"password\":\"secret123\"}"),
                      "username");
        assertRefused(user.api().post("/api/anniversary", "{\"title\":\"x\\u0000y\",\"date\":\"2027-01-01\"}"),
                      "title");
        assertRefused(user.api().post("/api/anniversary", "{\"title\":\"bell\\u0007\",\"date\":\"2027-01-01\"}"),
                      "title");
        assertRefused(user.api().post("/api/post", "{\"title\":\"half \\ud800 a pair\"}"), "title");
        assertRefused(user.api().post("/api/couple/match", "{\"code\":\"AB\\u0000CD\"}"), "code");
        assertRefused(anonymous.get("/api/flights/airports?q=%00"), "q");
        assertRefused(anonymous.get("/api/flights/airports?q=IC%0AN"), "q");
        assertRefused(admin.get("/api/admin/vehicles?owner=a%00b"), "owner");
        assertRefused(anonymous.post("/api/payments/webhook", "{\"receipt_id\":\"r\\u0000\"}"), "receipt_id");
        assertRefused(user.api().upload("/api/files", "file", "../../a\u0000.png", "image/png",
                                        TestImages.png(4, 4)), "filename");
        assertRefused(user.api().upload("/api/files", "file", "tab\tin name.png", "image/png",
                                        TestImages.png(4, 4)), "filename");

        ApiResponse multiline = user.api().post("/api/post",
                                                "{\"title\":\"Two lines\",\"content\":\"one\\ntwo\\tend\"}");
        assertThat(multiline.status()).as("free text keeps tabs and line breaks: %s", multiline).isEqualTo(201);
    }

    @Test
    void everyBodyIsCappedAndTheAnswerIs413() throws Exception {
        String large = "{\"username\":\"" + "a".repeat(2_000_000) + "\",\"password\":\"secret123\"}";
        assertTooLarge(send("/api/auth/login", HttpRequest.BodyPublishers.ofString(large)));
        // chunked, so no length to refuse up front, and no single string the JSON limits would stop first
        String manyFields = "{\"username\":\"a\",\"padding\":[" + ("\"" + "a".repeat(1_000) + "\",").repeat(1_500)
                            + "\"a\"],\"password\":\"secret123\"}";
        assertTooLarge(send("/api/auth/login", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(manyFields.getBytes(StandardCharsets.UTF_8)))));

        String notification = "{\"receipt_id\":\"r1\",\"padding\":\"" + "a".repeat(20_000) + "\"}";
        assertTooLarge(send("/api/payments/webhook", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(notification.getBytes(StandardCharsets.UTF_8)))));

        String longName = "{\"username\":\"" + "a".repeat(300_000) + "\",\"password\":\"secret123\"}";
        HttpResponse<String> parsed = send("/api/auth/login", HttpRequest.BodyPublishers.ofString(longName));
        assertThat(parsed.statusCode()).as("a string over the JSON limit: %s", parsed.body()).isEqualTo(400);
    }

    @Test
    void pagingTooDeepIsAClientErrorNotAnOverflow() {
        String date = LocalDate.now().plusDays(30).toString();
        ApiResponse search = anonymous.get("/api/flights/search?departure=ICN&arrival=NRT&date=" + date
                                           + "&page=2147483647&size=100");
        assertThat(search.status()).as(search.toString()).isEqualTo(400);
        ApiResponse posts = user.api().get("/api/post?page=21474837&size=100");
        assertThat(posts.status()).as(posts.toString()).isEqualTo(400);
        assertThat(posts.json().get("code").asText()).isEqualTo("invalid_paging");
    }

    @Test
    void whatTheContainerRefusesIsProblemJsonToo() {
        RawHttp http = new RawHttp(port);
        for (String target : List.of("/api/files/a%2Fb", "/api/files/a%00b", "/api/flights/airports?q="
                                                                             + "a".repeat(9_000))) {
            RawHttp.Response answer = http.send("GET", target, Map.of(), null);
            assertThat(answer.status()).as(RawHttp.abbreviated(target)).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(answer.text()).startsWith("application/problem+json");
            assertThat(answer.text()).contains("\"code\":\"");
        }
        RawHttp.Response trace = http.send("TRACE", "/api/flights/airports", Map.of(), null);
        assertThat(trace.header("Content-Type")).as(trace.text()).startsWith("application/problem+json");
    }

    private static void assertRefused(ApiResponse response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as(response.toString()).isNotNull();
        assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
        assertThat(errors.get(0).get("message").asText()).contains("control character");
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + path))
                                         .header("Content-Type", "application/json")
                                         .timeout(Duration.ofSeconds(60)).POST(body).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
