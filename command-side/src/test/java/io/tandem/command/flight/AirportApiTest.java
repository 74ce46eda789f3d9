package io.tandem.command.flight;

import io.tandem.api.flight.FlightCommands.RegisterAirportCommand;
import io.tandem.command.CommandSideApplication;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({CommandSideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class AirportApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AirportDirectory directory;
    @Autowired
    AirportCatalogue catalogue;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = anonymous.as(accessToken("admin@tandem.test", "admin-pass-1"));
    }

    private String accessToken(String email, String password) {
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }

    /** New Ishigaki Airport, which the shipped catalogue does not list, with some fields replaced. */
    private static String ishigaki(Object... replacements) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "code", "isg", "name_en", "New Ishigaki Airport", "name_ko", "신이시가키공항",
                "city_en", "Ishigaki", "city_ko", "이시가키", "country", "jp", "time_zone", "Asia/Tokyo"));
        for (int i = 0; i < replacements.length; i += 2) {
            body.put((String) replacements[i], replacements[i + 1]);
        }
        return json(body);
    }

    @Test
    void theShippedCatalogueWasRegisteredAtStartUpAndOnlyOnce() {
        List<RegisterAirportCommand> shipped = AirportCatalogue.shipped();
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(60);
        assertThat(directory.timeZoneOf("ICN")).contains(ZoneId.of("Asia/Seoul"));
        assertThat(directory.timeZoneOf("GMP")).contains(ZoneId.of("Asia/Seoul"));
        assertThat(directory.timeZoneOf("JFK")).contains(ZoneId.of("America/New_York"));
        assertThat(directory.timeZoneOf("DPS")).contains(ZoneId.of("Asia/Makassar"));
        assertThat(directory.exists("XXX")).isFalse();
        assertThat(directory.timeZoneOf("XXX")).isEmpty();
        for (RegisterAirportCommand airport : shipped) {
            assertThat(directory.timeZoneOf(airport.code())).as(airport.code())
                                                            .contains(ZoneId.of(airport.timeZone()));
        }
        long events = registrationEvents();
        assertThat(events).isGreaterThanOrEqualTo(shipped.size());

        assertThat(catalogue.registerMissing(shipped)).isZero();
        assertThat(registrationEvents()).isEqualTo(events);
    }

    @Test
    void twoNodesSeedingTogetherRegisterEachAirportOnce() throws Exception {
        List<RegisterAirportCommand> airports = List.of(
                new RegisterAirportCommand("KMQ", "Komatsu Airport", "고마쓰공항", "Komatsu", "고마쓰", "JP",
                                           "Asia/Tokyo"),
                new RegisterAirportCommand("TOY", "Toyama Airport", "도야마공항", "Toyama", "도야마", "JP",
                                           "Asia/Tokyo"),
                new RegisterAirportCommand("AOJ", "Aomori Airport", "아오모리공항", "Aomori", "아오모리", "JP",
                                           "Asia/Tokyo"),
                new RegisterAirportCommand("FSZ", "Mt. Fuji Shizuoka Airport", "후지산시즈오카공항", "Shizuoka",
                                           "시즈오카", "JP", "Asia/Tokyo"));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> seeding = () -> catalogue.registerMissing(airports);
            int added = 0;
            for (Future<Integer> node : nodes.invokeAll(List.of(seeding, seeding))) {
                added += node.get();
            }
            assertThat(added).isEqualTo(airports.size());
        } finally {
            nodes.shutdownNow();
        }
        for (RegisterAirportCommand airport : airports) {
            assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :code "
                                + "AND payloadtype LIKE '%AirportRegisteredEvent'")
                           .param("code", airport.code()).query(Long.class).single())
                    .as(airport.code()).isEqualTo(1);
        }
    }

    @Test
    void theAdminRegistersAnAirportOnce() {
        ApiResponse created = admin.post("/api/admin/airports", ishigaki());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("code").asText()).isEqualTo("ISG");
        assertThat(created.json().get("name_en").asText()).isEqualTo("New Ishigaki Airport");
        assertThat(created.json().get("name_ko").asText()).isEqualTo("신이시가키공항");
        assertThat(created.json().get("city_en").asText()).isEqualTo("Ishigaki");
        assertThat(created.json().get("city_ko").asText()).isEqualTo("이시가키");
        assertThat(created.json().get("country").asText()).isEqualTo("JP");
        assertThat(created.json().get("time_zone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(directory.timeZoneOf("ISG")).contains(ZoneId.of("Asia/Tokyo"));
        String payload = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                                  + "WHERE aggregateidentifier = 'ISG'").query(String.class).single();
        assertThat(payload).contains("신이시가키공항").contains("Asia/Tokyo");

        ApiResponse again = admin.post("/api/admin/airports", ishigaki("code", "ISG"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("code").asText()).isEqualTo("airport_exists");

        ApiResponse shipped = admin.post("/api/admin/airports", ishigaki("code", "ICN", "time_zone", "Asia/Seoul"));
        assertThat(shipped.status()).isEqualTo(409);
        assertThat(directory.timeZoneOf("ICN")).contains(ZoneId.of("Asia/Seoul"));
    }

    @Test
    void theSameCodeIsRegisteredOnceEvenAtTheSameMoment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                attempts.add(() -> admin.post("/api/admin/airports",
                                              ishigaki("code", "MMY", "name_en", "Miyako Airport",
                                                       "name_ko", "미야코공항", "city_en", "Miyakojima",
                                                       "city_ko", "미야코지마")).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'MMY'")
                       .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyAdminsRegisterAirports() {
        String email = "airports-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(anonymous, email, "secret123", "Kim");
        ApiClient user = anonymous.as(accessToken(email, "secret123"));

        ApiResponse asUser = user.post("/api/admin/airports", ishigaki("code", "OGN"));
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.contentType()).startsWith("application/problem+json");
        ApiResponse asNobody = anonymous.post("/api/admin/airports", ishigaki("code", "OGN"));
        assertThat(asNobody.status()).isEqualTo(401);
        assertThat(directory.exists("OGN")).isFalse();
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndStoreNothing() {
        long eventsBefore = eventCount();
        assertRefused(ishigaki("code", "IS"), "code");
        assertRefused(ishigaki("code", "I5G"), "code");
        assertRefused(ishigaki("code", "ISGX"), "code");
        assertRefused(ishigaki("country", "JPN"), "country");
        assertRefused(ishigaki("country", "1P"), "country");
        assertRefused(ishigaki("time_zone", "Asia/Ishigaki"), "time_zone");
        assertRefused(ishigaki("time_zone", "+09:00"), "time_zone");
        assertRefused(ishigaki("time_zone", "UTC+9"), "time_zone");
        assertRefused(ishigaki("time_zone", ""), "time_zone");
        assertRefused(ishigaki("name_ko", "  "), "name_ko");
        assertRefused(ishigaki("name_en", "x".repeat(101)), "name_en");
        assertRefused(ishigaki("city_ko", "가".repeat(101)), "city_ko");
        assertRefused(json(Map.of("code", "ISG", "name_en", "New Ishigaki Airport", "name_ko", "신이시가키공항",
                                  "city_ko", "이시가키", "country", "JP", "time_zone", "Asia/Tokyo")), "city_en");

        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    private void assertRefused(String body, String field) {
        ApiResponse refused = admin.post("/api/admin/airports", body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).as(refused.toString())
                                                                            .isEqualTo(field);
    }

    private long registrationEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%AirportRegisteredEvent'")
                   .query(Long.class).single();
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }
}
