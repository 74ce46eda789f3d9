package io.tandem.query.flight;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.flight.AirportQueries.AirportView;
import io.tandem.api.flight.AirportQueries.FindAirportQuery;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.query.QuerySideApplication;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Airports registered in the real event store, searched over HTTP as an app does, without signing in. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({QuerySideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirportSearchTest {

    private static final List<AirportRegisteredEvent> AIRPORTS = List.of(
            new AirportRegisteredEvent("ICN", "Incheon International Airport", "인천국제공항", "Incheon", "인천", "KR",
                                       "Asia/Seoul"),
            new AirportRegisteredEvent("GMP", "Gimpo International Airport", "김포국제공항", "Seoul", "서울", "KR",
                                       "Asia/Seoul"),
            new AirportRegisteredEvent("NRT", "Narita International Airport", "나리타국제공항", "Tokyo", "도쿄", "JP",
                                       "Asia/Tokyo"),
            new AirportRegisteredEvent("HND", "Tokyo Haneda Airport", "하네다공항", "Tokyo", "도쿄", "JP",
                                       "Asia/Tokyo"),
            new AirportRegisteredEvent("KIX", "Kansai International Airport", "간사이국제공항", "Osaka", "오사카", "JP",
                                       "Asia/Tokyo"),
            new AirportRegisteredEvent("ORD", "O'Hare International Airport", "오헤어국제공항", "Chicago", "시카고",
                                       "US", "America/Chicago"),
            // a name that contains another airport's code, to show the exact code match comes first
            new AirportRegisteredEvent("AAA", "Centrnrt Test Field", "센트넛비행장", "Nowhere", "어딘가", "JP",
                                       "Asia/Tokyo"));

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    QueryGateway queries;

    private ApiClient anonymous;

    @BeforeAll
    void registerAirports() {
        for (AirportRegisteredEvent airport : AIRPORTS) {
            eventStore.publish(new GenericDomainEventMessage<>("Airport", airport.code(), 0, airport));
        }
        await().until(() -> jdbc.sql("SELECT count(*) FROM airport").query(Long.class).single() == AIRPORTS.size());
    }

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
    }

    private JsonNode search(String q) {
        ApiResponse found = anonymous.get("/api/flights/airports?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json();
    }

    private List<String> codes(JsonNode result) {
        List<String> codes = new ArrayList<>();
        result.get("airports").forEach(airport -> codes.add(airport.get("code").asText()));
        return codes;
    }

    @Test
    void koreanNamesAndCitiesFindTheirAirports() {
        JsonNode incheon = search("인천");
        assertThat(codes(incheon)).containsExactly("ICN");
        JsonNode icn = incheon.get("airports").get(0);
        assertThat(icn.get("name_en").asText()).isEqualTo("Incheon International Airport");
        assertThat(icn.get("name_ko").asText()).isEqualTo("인천국제공항");
        assertThat(icn.get("city_en").asText()).isEqualTo("Incheon");
        assertThat(icn.get("city_ko").asText()).isEqualTo("인천");
        assertThat(icn.get("country").asText()).isEqualTo("KR");
        assertThat(icn.get("time_zone").asText()).isEqualTo("Asia/Seoul");

        assertThat(codes(search("서울"))).containsExactly("GMP");
        assertThat(codes(search("도쿄"))).containsExactly("HND", "NRT");
        assertThat(codes(search("국제공항"))).containsExactly("GMP", "ICN", "KIX", "NRT", "ORD");
    }

    @Test
    void englishSearchIgnoresCase() {
        assertThat(codes(search("tokyo"))).containsExactly("HND", "NRT");
        assertThat(codes(search("TOKYO"))).containsExactly("HND", "NRT");
        assertThat(codes(search("haneda"))).containsExactly("HND");
        assertThat(codes(search(" osaka "))).containsExactly("KIX");
        assertThat(codes(search("o'hare"))).containsExactly("ORD");
    }

    @Test
    void anExactCodeComesFirstAndAPrefixFindsCodes() {
        assertThat(codes(search("nrt"))).containsExactly("NRT", "AAA");
        assertThat(codes(search("NRT"))).first().isEqualTo("NRT");
        assertThat(codes(search("ki"))).containsExactly("KIX");
        // ICN by its code, ORD by its city (Chicago)
        assertThat(codes(search("ic"))).containsExactly("ICN", "ORD");
    }

    @Test
    void wildcardsAreSearchedLiterally() {
        assertThat(codes(search("%"))).isEmpty();
        assertThat(codes(search("_"))).isEmpty();
        assertThat(codes(search("Tok_o"))).isEmpty();
    }

    @Test
    void withoutATextEveryAirportComesByCode() {
        ApiResponse all = anonymous.get("/api/flights/airports");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(codes(all.json())).containsExactly("AAA", "GMP", "HND", "ICN", "KIX", "NRT", "ORD");
        assertThat(codes(search(""))).hasSize(AIRPORTS.size());
    }

    @Test
    void aTooLongTextIsRefusedNamingTheParameter() {
        ApiResponse refused = anonymous.get("/api/flights/airports?q=" + "a".repeat(51));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("q");
        assertThat(anonymous.get("/api/flights/airports?q=" + "a".repeat(50)).status()).isEqualTo(200);
    }

    @Test
    void theHealthEndpointIsPublic() {
        ApiResponse health = anonymous.get("/api/flights/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void oneAirportIsFoundByItsCode() {
        assertThat(queries.query(new FindAirportQuery("nrt"), ResponseTypes.optionalInstanceOf(AirportView.class))
                          .join())
                .hasValueSatisfying(nrt -> assertThat(nrt.timeZone()).isEqualTo("Asia/Tokyo"));
        assertThat(queries.query(new FindAirportQuery("XXX"), ResponseTypes.optionalInstanceOf(AirportView.class))
                          .join()).isEmpty();
    }

    @Test
    void aRebuildFromEventsGivesTheSameRowsAndFailuresGoToADeadLetterQueue() {
        List<String> before = allRows();
        StreamingEventProcessor processor = processing.eventProcessor("airports", StreamingEventProcessor.class)
                                                      .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(allRows()).isEmpty();
        processor.start();
        await().untilAsserted(() -> assertThat(allRows()).isEqualTo(before));

        assertThat(processing.deadLetterQueue("airports")).get().isInstanceOf(JdbcSequencedDeadLetterQueue.class);
    }

    private List<String> allRows() {
        return jdbc.sql("SELECT concat_ws('|', code, name_en, name_ko, city_en, city_ko, country, time_zone) "
                        + "FROM airport ORDER BY code").query(String.class).list();
    }
}
