package io.tandem.query.flight.search;

import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.FlightRemovedEvent;
import io.tandem.api.flight.FlightEvents.PromotionCreatedEvent;
import io.tandem.api.flight.FlightEvents.ScheduleCancelledEvent;
import io.tandem.query.QuerySideApplication;
import io.tandem.query.flight.search.FlightSearchApiTest.Events;
import io.tandem.query.flight.search.SearchVersions.IndexState;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SharedElasticsearch;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.query.flight.search.FlightSearchApiTest.AIRPORTS;
import static io.tandem.query.flight.search.FlightSearchApiTest.SEOUL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A processor reset rebuilds search into a new index version beside the live one: readers keep the old index during
 * the replay, the alias moves when it ends, and the rebuilt documents equal the ones before.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({QuerySideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSearchRebuildTest {

    private static final String INDEX = "search-rebuild-" + UUID.randomUUID().toString().substring(0, 8);
    private static final LocalDate DATE = LocalDate.now(SEOUL).plusDays(20);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void search(DynamicPropertyRegistry registry) {
        registry.add("tandem.search.url", SharedElasticsearch::httpUrl);
        registry.add("tandem.search.index", () -> INDEX);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ScheduleIndex index;
    @Autowired
    ScheduleSearch search;
    @Autowired
    SearchVersions versions;
    @Autowired
    JdbcClient jdbc;

    private Events events;
    private final List<String> scheduled = new java.util.ArrayList<>();

    @BeforeAll
    void catalogue() {
        events = new Events(eventStore);
        AIRPORTS.forEach(airport -> events.publish("Airport", airport.code(), airport));
        String flight = UUID.randomUUID().toString();
        String removedFlight = UUID.randomUUID().toString();
        for (int hour = 6; hour < 22; hour += 2) {
            scheduled.add(schedule(flight, "ICN", "NRT", hour, Map.of(Cabin.ECONOMY, 200_000L + hour * 1_000L,
                                                                       Cabin.BUSINESS, 700_000L)));
            scheduled.add(schedule(UUID.randomUUID().toString(), "GMP", "KIX", hour,
                                   Map.of(Cabin.ECONOMY, 150_000L)));
        }
        String cancelled = scheduled.get(0);
        events.publish("FlightSchedule", cancelled, 1, new ScheduleCancelledEvent(cancelled, flight, "crew"));
        String removed = schedule(removedFlight, "ICN", "KIX", 9, Map.of(Cabin.ECONOMY, 180_000L));
        events.publish("Flight", removedFlight, 0, new FlightRemovedEvent(removedFlight));
        String discountId = UUID.randomUUID().toString();
        events.publish("Discount", discountId, new DiscountCreatedEvent(
                discountId, "winter", DiscountType.PERCENTAGE, 15, DATE, DATE, List.of("ICN-NRT"), List.of()));
        String promotionId = UUID.randomUUID().toString();
        events.publish("Promotion", promotionId, new PromotionCreatedEvent(
                promotionId, "Tokyo", "Winter in Tokyo", "ICN", "NRT", LocalDate.now(SEOUL).minusDays(1),
                LocalDate.now(SEOUL).plusDays(60)));

        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            Map<String, ScheduleDocument> documents = search.allDocuments();
            assertThat(documents).hasSize(scheduled.size() - 1).doesNotContainKeys(cancelled, removed);
            assertThat(documents.get(scheduled.get(2)).cabins().get("economy").fare())
                    .isEqualTo((200_000L + 8 * 1_000L) * 85 / 100);
            assertThat(api.get("/api/flights/promotions").body()).contains(promotionId);
        });
    }

    @Test
    void aResetRebuildsBesideTheLiveIndexAndSwitchesTheAliasWhenTheReplayEnds() {
        IndexState live = versions.state();
        assertThat(live.building()).isNull();
        Map<String, ScheduleDocument> before = search.allDocuments();
        List<String> airportsBefore = rows("flight_search_airport", live.live());
        List<String> promotionsBefore = rows("flight_search_promotion", live.live());

        StreamingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();

        // the new version is empty and stands beside the live one, which readers keep using
        int next = live.live() + 1;
        assertThat(versions.state()).isEqualTo(new IndexState(live.live(), next));
        assertThat(index.aliasHolders()).containsExactly(index.name(live.live()));
        assertThat(search.allDocuments()).isEqualTo(before);
        assertThat(rows("flight_search_airport", next)).isEmpty();
        assertThat(rows("flight_search_airport", live.live())).isEqualTo(airportsBefore);

        processor.start();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> versions.state().equals(new IndexState(next, null)));
        assertThat(index.aliasHolders()).containsExactly(index.name(next));
        assertThat(search.allDocuments()).isEqualTo(before);
        assertThat(rows("flight_search_airport", next)).isEqualTo(airportsBefore);
        assertThat(rows("flight_search_promotion", next)).isEqualTo(promotionsBefore);
        assertThat(rows("flight_search_airport", live.live())).isEmpty();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(
                () -> assertThat(index.versionIndices()).containsOnlyKeys(index.name(next)));
    }

    @Test
    void anEventDuringTheReplayLandsInTheNewVersionWhichGoesLiveWithIt() {
        IndexState live = versions.state();
        Map<String, ScheduleDocument> before = search.allDocuments();

        StreamingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        String during = schedule(UUID.randomUUID().toString(), "ICN", "NRT", 23,
                                 Map.of(Cabin.ECONOMY, 250_000L));
        processor.start();

        int next = live.live() + 1;
        await().atMost(PATIENCE).ignoreExceptions().until(() -> versions.state().equals(new IndexState(next, null)));
        assertThat(index.aliasHolders()).containsExactly(index.name(next));
        Map<String, ScheduleDocument> after = new LinkedHashMap<>(search.allDocuments());
        ScheduleDocument added = after.remove(during);
        assertThat(added).isNotNull();
        assertThat(added.cabins().get("economy").fare()).isEqualTo(250_000L * 85 / 100);
        assertThat(after).isEqualTo(before);
    }

    private String schedule(String flightId, String origin, String destination, int hour, Map<Cabin, Long> fares) {
        String scheduleId = UUID.randomUUID().toString();
        Map<Cabin, Integer> seats = new LinkedHashMap<>();
        fares.keySet().forEach(cabin -> seats.put(cabin, 50));
        events.publish("FlightSchedule", scheduleId, Events.scheduled(
                scheduleId, flightId, origin, destination, Events.at(origin, DATE, hour, 0), 130, fares, seats));
        return scheduleId;
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(FlightSearchConfiguration.PROCESSING_GROUP, StreamingEventProcessor.class)
                         .orElseThrow();
    }

    private List<String> rows(String table, int version) {
        return jdbc.sql("SELECT t::text FROM " + table + " t WHERE version = :version ORDER BY 1")
                   .param("version", version)
                   .query(String.class).list().stream()
                   .map(row -> row.replaceFirst("^\\(" + version + ",", "("))
                   .toList();
    }
}
