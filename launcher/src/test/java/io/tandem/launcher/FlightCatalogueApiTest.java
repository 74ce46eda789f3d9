package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The flight catalogue over HTTP with every side in one JVM: an admin creates flights with schedules, search finds
 * them with their availability and discounted fares, and a cancelled schedule leaves search.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class FlightCatalogueApiTest {

    private static final LocalDate TRAVEL_DATE = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(40);

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        admin = anonymous.as(anonymous.post("/api/auth/login", json(Map.of(
                "username", "admin@tandem.test", "password", "admin-pass-1"))).json().get("access_token").asText());
    }

    private static Map<String, Object> flight(String number, String origin, String destination) {
        return Map.of("flight_number", number, "airline", "Korean Air", "origin", origin, "destination", destination,
                      "seat_map", Map.of("aircraft", "A321", "sections", List.of(
                              Map.of("cabin", "BUSINESS", "from_row", 1, "to_row", 2, "letters", "AC"),
                              Map.of("cabin", "ECONOMY", "from_row", 3, "to_row", 5, "letters", "ABC"))));
    }

    private static Map<String, Object> schedule(String departure, String arrival, long economy, long business) {
        return Map.of("departure_local", TRAVEL_DATE + "T" + departure, "arrival_local", TRAVEL_DATE + "T" + arrival,
                      "base_fares", Map.of("ECONOMY", economy, "BUSINESS", business));
    }

    private JsonNode search(String from, String to, String extra) {
        ApiResponse response = anonymous.get("/api/flights/search?departure=" + from + "&arrival=" + to
                                             + "&date=" + TRAVEL_DATE + extra);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void anAdminsFlightsAreFoundPricedAndCancelled() {
        ApiResponse created = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", flight("KE703", "ICN", "NRT"),
                "schedules", List.of(schedule("09:00", "11:30", 250_000, 900_000),
                                     schedule("14:00", "16:10", 200_000, 800_000)))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("searchable").asBoolean()).as("read-your-own-write").isTrue();
        String flightId = created.json().get("flight_id").asText();
        List<String> scheduleIds = List.of(created.json().get("schedule_ids").get(0).asText(),
                                           created.json().get("schedule_ids").get(1).asText());

        JsonNode found = search("ICN", "NRT", "&sort=price");
        assertThat(found.get("schedules")).hasSize(2);
        JsonNode cheapest = found.get("schedules").get(0);
        assertThat(cheapest.get("schedule_id").asText()).isEqualTo(scheduleIds.get(1));
        assertThat(cheapest.get("departure_local").asText()).startsWith(TRAVEL_DATE + "T14:00");
        assertThat(cheapest.get("duration_minutes").asInt()).isEqualTo(130);
        JsonNode economy = cabin(cheapest, "ECONOMY");
        assertThat(economy.get("available_seats").asInt()).isEqualTo(9);
        assertThat(economy.get("fare").asLong()).isEqualTo(200_000);

        ApiResponse discount = admin.post("/api/admin/discounts", json(Map.of(
                "name", "Tokyo winter", "type", "PERCENTAGE", "amount", 15,
                "valid_from", TRAVEL_DATE.minusDays(1).toString(), "valid_to", TRAVEL_DATE.plusDays(1).toString(),
                "routes", List.of("ICN-NRT"))));
        assertThat(discount.status()).as(discount.toString()).isEqualTo(201);
        await().untilAsserted(() -> assertThat(cabin(search("ICN", "NRT", "&sort=price").get("schedules").get(0),
                                                     "ECONOMY").get("fare").asLong()).isEqualTo(170_000));
        assertThat(cabin(search("ICN", "NRT", "&sort=price").get("schedules").get(0), "ECONOMY")
                           .get("base_fare").asLong()).isEqualTo(200_000);

        ApiResponse promotion = admin.post("/api/admin/promotions", json(Map.of(
                "title", "도쿄 겨울 특가", "origin", "ICN", "destination", "NRT",
                "valid_from", LocalDate.now().minusDays(1).toString(),
                "valid_to", LocalDate.now().plusDays(60).toString())));
        assertThat(promotion.status()).as(promotion.toString()).isEqualTo(201);
        await().untilAsserted(() -> {
            ApiResponse promotions = anonymous.get("/api/flights/promotions");
            assertThat(promotions.body()).contains("도쿄 겨울 특가").contains("170000");
            ApiResponse featured = anonymous.get("/api/flights/featured");
            assertThat(featured.body()).contains(scheduleIds.get(1));
        });

        assertThat(anonymous.get("/api/flights/airports?q=" + java.net.URLEncoder.encode("인천",
                java.nio.charset.StandardCharsets.UTF_8)).body()).contains("\"ICN\"");

        ApiResponse cancelled = admin.post("/api/admin/schedules/" + scheduleIds.get(1) + "/cancel",
                                           json(Map.of("reason", "crew")));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(search("ICN", "NRT", "").get("schedules")).hasSize(1));

        // the admin views are a projection of their own, which may trail search by a moment
        await().untilAsserted(() -> assertThat(admin.get("/api/admin/schedules?flight_id=" + flightId
                                                         + "&status=cancelled").json().get("schedules")).hasSize(1));
        assertThat(admin.delete("/api/admin/flights/" + flightId).status()).isEqualTo(204);
        await().untilAsserted(() -> assertThat(search("ICN", "NRT", "").get("schedules")).isEmpty());
        assertThat(admin.delete("/api/admin/flights/" + flightId).status()).isEqualTo(404);
    }

    @Test
    void badCatalogueInputIsRefusedClearly() {
        assertThat(anonymous.as(userToken()).get("/api/admin/flights").status()).isEqualTo(403);
        ApiResponse unknownAirport = admin.post("/api/admin/flights", json(flight("KE1", "ICN", "XYZ")));
        assertThat(unknownAirport.status()).isEqualTo(400);
        assertThat(unknownAirport.json().get("detail").asText()).contains("destination");
        ApiResponse sameAirport = admin.post("/api/admin/flights", json(flight("KE1", "ICN", "ICN")));
        assertThat(sameAirport.status()).isEqualTo(400);
        ApiResponse badNumber = admin.post("/api/admin/flights", json(flight("not a flight", "ICN", "NRT")));
        assertThat(badNumber.json().get("errors").get(0).get("field").asText()).isEqualTo("flight_number");
        ApiResponse past = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", flight("KE2", "ICN", "NRT"),
                "schedules", List.of(Map.of("departure_local", "2020-01-01T09:00", "arrival_local", "2020-01-01T11:00",
                                            "base_fares", Map.of("ECONOMY", 1, "BUSINESS", 2))))));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("detail").asText()).contains("schedules[0].departure_local");
        assertThat(admin.delete("/api/admin/flights/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.post("/api/admin/schedules/" + UUID.randomUUID() + "/cancel", "{}").status())
                .isEqualTo(404);
        assertThat(anonymous.get("/api/flights/search?departure=ICN&arrival=ICN&date=" + TRAVEL_DATE).status())
                .isEqualTo(400);
        assertThat(anonymous.get("/api/flights/search?departure=ICN&arrival=NRT&date=" + TRAVEL_DATE + "&size=101")
                            .status()).isEqualTo(400);
    }

    private String userToken() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(anonymous, email, "secret123", "U");
        return anonymous.post("/api/auth/login", json(Map.of("username", email, "password", "secret123")))
                        .json().get("access_token").asText();
    }

    private static JsonNode cabin(JsonNode schedule, String cabin) {
        for (JsonNode candidate : schedule.get("cabins")) {
            if (candidate.get("cabin").asText().equals(cabin)) {
                return candidate;
            }
        }
        throw new AssertionError("no " + cabin + " in " + schedule);
    }
}
