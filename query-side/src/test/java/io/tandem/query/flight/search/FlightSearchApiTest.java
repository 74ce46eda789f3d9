package io.tandem.query.flight.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.RejectedException;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.DiscountType;
import io.tandem.api.flight.FlightEvents.AirportRegisteredEvent;
import io.tandem.api.flight.FlightEvents.DiscountCreatedEvent;
import io.tandem.api.flight.FlightEvents.DiscountDeletedEvent;
import io.tandem.api.flight.FlightEvents.FlightRemovedEvent;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.FlightEvents.PromotionCreatedEvent;
import io.tandem.api.flight.FlightEvents.PromotionDeletedEvent;
import io.tandem.api.flight.FlightEvents.ScheduleCancelledEvent;
import io.tandem.api.flight.FlightSearchQueries.WatchScheduleSearchabilityQuery;
import io.tandem.api.flight.FlightSearchResults.ScheduleCard;
import io.tandem.api.flight.FlightSearchResults.SchedulePage;
import io.tandem.api.flight.FlightSearchResults.SearchFlightsQuery;
import io.tandem.query.QuerySideApplication;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SharedElasticsearch;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flight search over HTTP against the real event store, PostgreSQL and the in-JVM Elasticsearch node. Each test uses
 * its own route or date, so the shared index never mixes their schedules.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({QuerySideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSearchApiTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String INDEX = "search-api-" + UUID.randomUUID().toString().substring(0, 8);
    /** Far enough ahead that every schedule is upcoming, whatever the time zone. */
    private static final LocalDate BASE = LocalDate.now(SEOUL).plusDays(40);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static final List<AirportRegisteredEvent> AIRPORTS = List.of(
            new AirportRegisteredEvent("ICN", "Incheon International Airport", "인천국제공항", "Incheon", "인천", "KR",
                                       "Asia/Seoul"),
            new AirportRegisteredEvent("GMP", "Gimpo International Airport", "김포국제공항", "Seoul", "서울", "KR",
                                       "Asia/Seoul"),
            new AirportRegisteredEvent("CJU", "Jeju International Airport", "제주국제공항", "Jeju", "제주", "KR",
                                       "Asia/Seoul"),
            new AirportRegisteredEvent("NRT", "Narita International Airport", "나리타국제공항", "Tokyo", "도쿄", "JP",
                                       "Asia/Tokyo"),
            new AirportRegisteredEvent("HND", "Tokyo Haneda Airport", "하네다공항", "Tokyo", "도쿄", "JP",
                                       "Asia/Tokyo"),
            new AirportRegisteredEvent("KIX", "Kansai International Airport", "간사이국제공항", "Osaka", "오사카", "JP",
                                       "Asia/Tokyo"));

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
    QueryGateway queries;
    @Autowired
    ScheduleIndex index;
    @Autowired
    ScheduleSearch search;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    FlightSearchProjection projection;
    @Autowired
    HealthContributorRegistry health;

    private ApiClient anonymous;

    @BeforeAll
    void registerAirports() {
        Events events = new Events(eventStore);
        AIRPORTS.forEach(airport -> events.publish("Airport", airport.code(), airport));
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        await().atMost(PATIENCE).until(() -> api.get(search("ICN", "KIX", BASE)).status() == 200
                                             && api.get(search("GMP", "HND", BASE)).status() == 200
                                             && api.get(search("CJU", "NRT", BASE)).status() == 200);
    }

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void koreanNamesMatchThroughTheIndexAnalyzer() {
        LocalDate date = BASE.plusDays(1);
        String incheonTokyo = schedule("ICN", "NRT", date, 9, 0, 140, Map.of(Cabin.ECONOMY, 250_000L));
        String gimpoOsaka = schedule("GMP", "KIX", date, 9, 0, 110, Map.of(Cabin.ECONOMY, 180_000L));
        awaitIds(search("ICN", "NRT", date), incheonTokyo);
        awaitIds(search("GMP", "KIX", date), gimpoOsaka);

        // nori splits 인천국제공항 into 인천, 국제, 공항: part of the airport's Korean name finds it
        assertThat(search.matchingPlace("인천")).contains(incheonTokyo).doesNotContain(gimpoOsaka);
        assertThat(search.matchingPlace("도쿄")).contains(incheonTokyo).doesNotContain(gimpoOsaka);
        assertThat(search.matchingPlace("나리타 공항")).contains(incheonTokyo);
        assertThat(search.matchingPlace("김포")).contains(gimpoOsaka).doesNotContain(incheonTokyo);
        assertThat(search.matchingPlace("Osaka")).contains(gimpoOsaka).doesNotContain(incheonTokyo);

        JsonNode card = get(search("ICN", "NRT", date)).get("schedules").get(0);
        assertThat(card.get("origin").get("name_ko").asText()).isEqualTo("인천국제공항");
        assertThat(card.get("destination").get("city_ko").asText()).isEqualTo("도쿄");
        assertThat(card.get("destination").get("name_en").asText()).isEqualTo("Narita International Airport");
    }

    @Test
    void sortsByPriceDepartureAndDuration() {
        LocalDate date = BASE.plusDays(2);
        String early = schedule("ICN", "HND", date, 8, 0, 150, Map.of(Cabin.ECONOMY, 300_000L));
        String noon = schedule("ICN", "HND", date, 12, 0, 130, Map.of(Cabin.ECONOMY, 200_000L));
        String evening = schedule("ICN", "HND", date, 18, 0, 170, Map.of(Cabin.ECONOMY, 250_000L));
        awaitIds(search("ICN", "HND", date), early, noon, evening);

        assertThat(ids(search("ICN", "HND", date) + "&sort=price")).containsExactly(noon, evening, early);
        assertThat(ids(search("ICN", "HND", date) + "&sort=PRICE&cabin=economy"))
                .containsExactly(noon, evening, early);
        assertThat(ids(search("ICN", "HND", date) + "&sort=duration")).containsExactly(noon, early, evening);

        JsonNode secondPage = get(search("ICN", "HND", date) + "&size=2&page=1");
        assertThat(ids(secondPage)).containsExactly(evening);
        assertThat(secondPage.get("page").asInt()).isEqualTo(1);
        assertThat(secondPage.get("size").asInt()).isEqualTo(2);
        assertThat(secondPage.get("total_elements").asLong()).isEqualTo(3);

        JsonNode card = get(search("ICN", "HND", date)).get("schedules").get(0);
        assertThat(card.get("schedule_id").asText()).isEqualTo(early);
        assertThat(card.get("departure_local").asText()).isEqualTo(date + "T08:00:00");
        // ICN 08:00 (UTC+9) plus 150 minutes is 10:30 in Tokyo (UTC+9 as well)
        assertThat(card.get("arrival_local").asText()).isEqualTo(date + "T10:30:00");
        assertThat(card.get("departure_at").asText())
                .isEqualTo(date.atTime(8, 0).atZone(SEOUL).toInstant().toString());
        assertThat(card.get("duration_minutes").asLong()).isEqualTo(150);
        assertThat(card.get("flight_number").asText()).startsWith("KE");
        assertThat(card.get("cabins").get(0).get("cabin").asText()).isEqualTo("ECONOMY");
        assertThat(card.get("cabins").get(0).get("base_fare").asLong()).isEqualTo(300_000);
        assertThat(card.get("cabins").get(0).get("fare").asLong()).isEqualTo(300_000);
        assertThat(card.get("cabins").get(0).get("available_seats").asInt()).isEqualTo(100);
    }

    @Test
    void theQueryBusAnswersTheSameSearch() {
        LocalDate date = BASE.plusDays(11);
        String scheduleId = schedule("CJU", "GMP", date, 7, 30, 65, Map.of(Cabin.ECONOMY, 90_000L));
        awaitIds(search("CJU", "GMP", date), scheduleId);

        SchedulePage page = queries.query(new SearchFlightsQuery("cju", "GMP", date, 2, Cabin.ECONOMY, null, 0, 5),
                                          SchedulePage.class).join();
        assertThat(page.schedules()).extracting(ScheduleCard::scheduleId).containsExactly(scheduleId);
        assertThat(page.schedules().get(0).departureLocal()).isEqualTo(date.atTime(7, 30));
        assertThat(page.totalElements()).isEqualTo(1);
        assertThat(queries.query(new SearchFlightsQuery("CJU", "GMP", date, 10, null, null, 0, 5),
                                 SchedulePage.class))
                .failsWithin(PATIENCE).withThrowableThat().havingRootCause()
                .isInstanceOf(RejectedException.class).withMessageContaining("passengers");
    }

    @Test
    void fareIsTheBestDiscountInScopeOfRouteFlightAndLocalDepartureDate() {
        LocalDate date = BASE.plusDays(3);
        String flightOne = UUID.randomUUID().toString();
        String flightTwo = UUID.randomUUID().toString();
        String first = schedule(flightOne, "ICN", "KIX", date, 9, 0, 110, Map.of(Cabin.ECONOMY, 300_000L));
        String second = schedule(flightTwo, "ICN", "KIX", date, 15, 0, 110,
                                 Map.of(Cabin.ECONOMY, 400_000L, Cabin.BUSINESS, 1_000_000L));
        String nextDay = schedule(flightOne, "ICN", "KIX", date.plusDays(1), 9, 0, 110,
                                  Map.of(Cabin.ECONOMY, 300_000L));
        awaitIds(search("ICN", "KIX", date), first, second);

        Events events = new Events(eventStore);
        discount(DiscountType.PERCENTAGE, 10, date, date, List.of("ICN-KIX"), List.of());
        String flightFixed = discount(DiscountType.FIXED, 50_000, date, date.plusDays(1), List.of(),
                                      List.of(flightTwo));
        discount(DiscountType.PERCENTAGE, 50, date, date.plusDays(1), List.of("GMP-CJU"), List.of());
        discount(DiscountType.PERCENTAGE, 5, date.plusDays(1), date.plusDays(1), List.of(), List.of());
        // departs at 00:30 in Seoul on the next day, which is still `date` in UTC: the local date decides
        String afterMidnight = schedule(flightOne, "ICN", "KIX", date.plusDays(1), 0, 30, 110,
                                        Map.of(Cabin.ECONOMY, 300_000L));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(fares(search("ICN", "KIX", date))).containsExactly(
                    Map.entry(first, List.of(270_000L)),                // route 10 %
                    Map.entry(second, List.of(350_000L, 900_000L)));    // flight -50,000 beats 10 %; 10 % on business
            // the route's 10 % ended the day before: only the 5 % everywhere, also for the flight that leaves
            // Seoul at 00:30, when it is still the day before in UTC
            assertThat(fares(search("ICN", "KIX", date.plusDays(1)))).containsExactly(
                    Map.entry(afterMidnight, List.of(285_000L)),
                    Map.entry(nextDay, List.of(285_000L)));
        });

        events.publish("Discount", flightFixed, 1, new DiscountDeletedEvent(flightFixed));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fares(search("ICN", "KIX", date))).containsExactly(
                Map.entry(first, List.of(270_000L)), Map.entry(second, List.of(360_000L, 900_000L))));
    }

    @Test
    void onlySchedulesWithEnoughFreeSeatsInTheCabinAreFound() {
        LocalDate date = BASE.plusDays(4);
        String fewEconomy = schedule(UUID.randomUUID().toString(), "ICN", "NRT", date, 10, 0, 140,
                                     Map.of(Cabin.ECONOMY, 250_000L, Cabin.BUSINESS, 800_000L),
                                     Map.of(Cabin.ECONOMY, 2, Cabin.BUSINESS, 8));
        String fullBusiness = schedule(UUID.randomUUID().toString(), "ICN", "NRT", date, 14, 0, 140,
                                       Map.of(Cabin.ECONOMY, 260_000L, Cabin.BUSINESS, 850_000L),
                                       Map.of(Cabin.ECONOMY, 9, Cabin.BUSINESS, 0));
        awaitIds(search("ICN", "NRT", date), fewEconomy, fullBusiness);

        assertThat(ids(search("ICN", "NRT", date) + "&passengers=3")).containsExactly(fewEconomy, fullBusiness);
        assertThat(ids(search("ICN", "NRT", date) + "&passengers=3&cabin=economy")).containsExactly(fullBusiness);
        assertThat(ids(search("ICN", "NRT", date) + "&passengers=2&cabin=Economy"))
                .containsExactly(fewEconomy, fullBusiness);
        assertThat(ids(search("ICN", "NRT", date) + "&passengers=8&cabin=BUSINESS")).containsExactly(fewEconomy);
        assertThat(ids(search("ICN", "NRT", date) + "&passengers=9&cabin=business")).isEmpty();
        assertThat(ids(search("ICN", "NRT", date) + "&cabin=FIRST")).isEmpty();
        assertThat(ids(search("ICN", "NRT", date) + "&passengers=9")).containsExactly(fullBusiness);
        // a full cabin does not make the lowest fare
        assertThat(ids(search("ICN", "NRT", date) + "&sort=price")).containsExactly(fewEconomy, fullBusiness);

        // the hook for booking's seat events: the last two economy seats go
        DefaultUnitOfWork.startAndGet(null).execute(() -> projection.availableSeatsChangedBy(
                fewEconomy, Cabin.ECONOMY, -2, ReplayStatus.REGULAR));
        assertThat(ids(search("ICN", "NRT", date) + "&cabin=ECONOMY")).containsExactly(fullBusiness);
        JsonNode card = get(search("ICN", "NRT", date)).get("schedules").get(0);
        assertThat(card.get("cabins").get(0).get("available_seats").asInt()).isZero();
        assertThat(card.get("cabins").get(1).get("cabin").asText()).isEqualTo("BUSINESS");
        assertThat(card.get("cabins").get(1).get("available_seats").asInt()).isEqualTo(8);
    }

    @Test
    void cancelledSchedulesAndRemovedFlightsLeaveSearch() {
        LocalDate date = BASE.plusDays(5);
        String staying = UUID.randomUUID().toString();
        String removed = UUID.randomUUID().toString();
        String cancelled = schedule(staying, "GMP", "KIX", date, 8, 0, 110, Map.of(Cabin.ECONOMY, 200_000L));
        String kept = schedule(staying, "GMP", "KIX", date, 11, 0, 110, Map.of(Cabin.ECONOMY, 200_000L));
        String goneOne = schedule(removed, "GMP", "KIX", date, 13, 0, 110, Map.of(Cabin.ECONOMY, 200_000L));
        String goneTwo = schedule(removed, "GMP", "KIX", date, 17, 0, 110, Map.of(Cabin.ECONOMY, 200_000L));
        awaitIds(search("GMP", "KIX", date), cancelled, kept, goneOne, goneTwo);

        Events events = new Events(eventStore);
        events.publish("FlightSchedule", cancelled, 1, new ScheduleCancelledEvent(cancelled, staying, "weather"));
        events.publish("Flight", removed, 0, new FlightRemovedEvent(removed));
        awaitIds(search("GMP", "KIX", date), kept);
        assertThat(search.searchable(List.of(cancelled, kept, goneOne, goneTwo))).containsExactly(kept);
    }

    @Test
    void everyBadInputIsA400NamingTheParameter() {
        LocalDate date = BASE.plusDays(6);
        String fine = "/api/flights/search?departure=ICN&arrival=NRT&date=" + date;
        assertThat(anonymous.get(fine).status()).isEqualTo(200);
        assertThat(anonymous.get("/api/flights/search?departure=icn&arrival=nrt&date=" + LocalDate.now(SEOUL))
                            .status()).isEqualTo(200);

        badRequest("/api/flights/search?departure=XXX&arrival=NRT&date=" + date, "departure");
        badRequest("/api/flights/search?departure=ICN&arrival=ZZZ&date=" + date, "arrival");
        badRequest("/api/flights/search?departure=ICN&arrival=icn&date=" + date, "arrival");
        badRequest("/api/flights/search?departure=ICN&arrival=NRT&date=2026-13-45", "date");
        badRequest("/api/flights/search?departure=ICN&arrival=NRT&date=tomorrow", "date");
        badRequest("/api/flights/search?departure=ICN&arrival=NRT&date=" + LocalDate.now(SEOUL).minusDays(1),
                   "date");
        badRequest(fine + "&size=101", "size");
        badRequest(fine + "&size=0", "size");
        badRequest(fine + "&passengers=0", "passengers");
        badRequest(fine + "&passengers=10", "passengers");
        badRequest(fine + "&passengers=two", "passengers");
        badRequest(fine + "&cabin=LOUNGE", "cabin");
        badRequest(fine + "&sort=cheapest", "sort");
        badRequest(fine + "&page=-1", "page");
        badRequest(fine + "&page=200&size=50", "page");
        badRequest("/api/flights/search?arrival=NRT&date=" + date, "departure");
        badRequest("/api/flights/search?departure=ICN&arrival=NRT", "date");
    }

    @Test
    void aNewScheduleOnACachedRouteEvictsTheRoutesCachedPages() throws Exception {
        LocalDate date = BASE.plusDays(7);
        String first = schedule("NRT", "ICN", date, 9, 0, 150, Map.of(Cabin.ECONOMY, 220_000L));
        awaitIds(search("NRT", "ICN", date), first);
        awaitEvictionsDone();

        assertThat(ids(search("NRT", "ICN", date))).containsExactly(first);
        // behind the projection's back: the cached page does not notice
        elasticsearch.delete(d -> d.index(index.alias()).id(first).refresh(
                co.elastic.clients.elasticsearch._types.Refresh.True));
        assertThat(search.searchable(List.of(first))).isEmpty();
        assertThat(ids(search("NRT", "ICN", date))).containsExactly(first);

        String second = schedule("NRT", "ICN", date, 15, 0, 150, Map.of(Cabin.ECONOMY, 210_000L));
        awaitIds(search("NRT", "ICN", date), second);
    }

    @Test
    void aWriterWatchingSearchabilityReadsItsOwnWrite() {
        LocalDate date = BASE.plusDays(8);
        String scheduleId = UUID.randomUUID().toString();
        assertThat(ids(search("HND", "ICN", date))).isEmpty(); // cached, empty

        try (SubscriptionQueryResult<List<String>, String> watch = queries.subscriptionQuery(
                new WatchScheduleSearchabilityQuery(Set.of(scheduleId)),
                ResponseTypes.multipleInstancesOf(String.class), ResponseTypes.instanceOf(String.class))) {
            assertThat(watch.initialResult().block(PATIENCE)).isEmpty();
            schedule(scheduleId, UUID.randomUUID().toString(), "HND", "ICN", date, 9, 0, 150,
                     Map.of(Cabin.ECONOMY, 230_000L), Map.of(Cabin.ECONOMY, 100));
            assertThat(watch.updates().blockFirst(PATIENCE)).isEqualTo(scheduleId);
        }
        // no waiting: the update came after the document was searchable and this node's cached page was evicted
        assertThat(ids(search("HND", "ICN", date))).containsExactly(scheduleId);

        try (SubscriptionQueryResult<List<String>, String> watch = queries.subscriptionQuery(
                new WatchScheduleSearchabilityQuery(Set.of(scheduleId, "unknown")),
                ResponseTypes.multipleInstancesOf(String.class), ResponseTypes.instanceOf(String.class))) {
            assertThat(watch.initialResult().block(PATIENCE)).containsExactly(scheduleId);
            new Events(eventStore).publish("FlightSchedule", scheduleId, 1,
                                           new ScheduleCancelledEvent(scheduleId, "flight", "sold to charter"));
            assertThat(watch.updates().blockFirst(PATIENCE)).isEqualTo(scheduleId);
        }
        assertThat(ids(search("HND", "ICN", date))).isEmpty();
    }

    @Test
    void promotionsShowTheirRoutesLowestFareAndFeaturedTheCheapestSchedule() {
        LocalDate today = LocalDate.now(TOKYO);
        String cheap = schedule(UUID.randomUUID().toString(), "KIX", "CJU", BASE.plusDays(9), 9, 0, 100,
                                Map.of(Cabin.ECONOMY, 150_000L, Cabin.BUSINESS, 500_000L),
                                Map.of(Cabin.ECONOMY, 10, Cabin.BUSINESS, 4));
        String fullEconomy = schedule(UUID.randomUUID().toString(), "KIX", "CJU", BASE.plusDays(10), 9, 0, 100,
                                      Map.of(Cabin.ECONOMY, 120_000L, Cabin.BUSINESS, 450_000L),
                                      Map.of(Cabin.ECONOMY, 0, Cabin.BUSINESS, 4));
        awaitIds(search("KIX", "CJU", BASE.plusDays(9)), cheap);
        awaitIds(search("KIX", "CJU", BASE.plusDays(10)), fullEconomy);

        Events events = new Events(eventStore);
        String active = promotion("Osaka to Jeju", "KIX", "CJU", today.minusDays(1), today.plusDays(30));
        String noFlights = promotion("Gimpo to Haneda", "GMP", "HND", today, today);
        String future = promotion("Jeju in spring", "CJU", "KIX", today.plusDays(10), today.plusDays(40));
        String deleted = promotion("Withdrawn", "KIX", "CJU", today, today.plusDays(3));
        events.publish("Promotion", deleted, 1, new PromotionDeletedEvent(deleted));

        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, JsonNode> promotions = new LinkedHashMap<>();
            get("/api/flights/promotions").get("promotions")
                                          .forEach(p -> promotions.put(p.get("promotion_id").asText(), p));
            assertThat(promotions).containsKeys(active, noFlights).doesNotContainKeys(future, deleted);
            JsonNode promotion = promotions.get(active);
            assertThat(promotion.get("title").asText()).isEqualTo("Osaka to Jeju");
            assertThat(promotion.get("route").asText()).isEqualTo("KIX-CJU");
            assertThat(promotion.get("origin").get("name_ko").asText()).isEqualTo("간사이국제공항");
            assertThat(promotion.get("destination").get("city_en").asText()).isEqualTo("Jeju");
            assertThat(promotion.get("valid_from").asText()).isEqualTo(today.minusDays(1).toString());
            assertThat(promotion.get("lowest_fare").asLong()).isEqualTo(150_000); // economy of the full one is out
            assertThat(promotions.get(noFlights).has("lowest_fare")).isTrue();
            assertThat(promotions.get(noFlights).get("lowest_fare").isNull()).isTrue();
        });

        List<JsonNode> featured = new ArrayList<>();
        get("/api/flights/featured").get("featured").forEach(featured::add);
        assertThat(featured).anySatisfy(item -> {
            assertThat(item.get("route").asText()).isEqualTo("KIX-CJU");
            assertThat(item.get("promotion_id").asText()).isEqualTo(active);
            assertThat(item.get("schedule").get("schedule_id").asText()).isEqualTo(cheap);
            assertThat(item.get("schedule").get("origin").get("code").asText()).isEqualTo("KIX");
        });
        assertThat(featured).noneSatisfy(item -> assertThat(item.get("route").asText()).isEqualTo("GMP-HND"));
    }

    @Test
    void springBootsElasticsearchHealthIndicatorReportsTheNode() {
        // GET /_cluster/health on the in-JVM node; it counts towards /actuator/health
        assertThat(health.getContributor("elasticsearch")).isInstanceOfSatisfying(
                HealthIndicator.class, indicator -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
        ApiResponse overall = anonymous.get("/actuator/health");
        assertThat(overall.status()).as(overall.toString()).isEqualTo(200);
        assertThat(overall.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void theSearchProjectionHasAPersistentDeadLetterQueue() {
        assertThat(processing.deadLetterQueue(FlightSearchConfiguration.PROCESSING_GROUP))
                .get().isInstanceOf(JdbcSequencedDeadLetterQueue.class);
    }

    // --- helpers ---

    static String search(String from, String to, LocalDate date) {
        return "/api/flights/search?departure=" + from + "&arrival=" + to + "&date=" + date;
    }

    private String schedule(String origin, String destination, LocalDate date, int hour, int minute,
                            int minutes, Map<Cabin, Long> fares) {
        return schedule(UUID.randomUUID().toString(), origin, destination, date, hour, minute, minutes, fares);
    }

    private String schedule(String flightId, String origin, String destination, LocalDate date, int hour,
                            int minute, int minutes, Map<Cabin, Long> fares) {
        Map<Cabin, Integer> seats = new LinkedHashMap<>();
        fares.keySet().forEach(cabin -> seats.put(cabin, 100));
        return schedule(flightId, origin, destination, date, hour, minute, minutes, fares, seats);
    }

    private String schedule(String flightId, String origin, String destination, LocalDate date, int hour,
                            int minute, int minutes, Map<Cabin, Long> fares, Map<Cabin, Integer> seats) {
        String scheduleId = UUID.randomUUID().toString();
        schedule(scheduleId, flightId, origin, destination, date, hour, minute, minutes, fares, seats);
        return scheduleId;
    }

    private void schedule(String scheduleId, String flightId, String origin, String destination, LocalDate date,
                          int hour, int minute, int minutes, Map<Cabin, Long> fares, Map<Cabin, Integer> seats) {
        new Events(eventStore).publish("FlightSchedule", scheduleId,
                                       Events.scheduled(scheduleId, flightId, origin, destination,
                                                        Events.at(origin, date, hour, minute), minutes, fares,
                                                        seats));
    }

    private String discount(DiscountType type, long amount, LocalDate from, LocalDate to, List<String> routes,
                            List<String> flightIds) {
        String discountId = UUID.randomUUID().toString();
        new Events(eventStore).publish("Discount", discountId, new DiscountCreatedEvent(
                discountId, type + " " + amount, type, amount, from, to, routes, flightIds));
        return discountId;
    }

    private String promotion(String title, String origin, String destination, LocalDate from, LocalDate to) {
        String promotionId = UUID.randomUUID().toString();
        new Events(eventStore).publish("Promotion", promotionId, new PromotionCreatedEvent(
                promotionId, title, title + "!", origin, destination, from, to));
        return promotionId;
    }

    private void awaitIds(String path, String... expected) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(path)).containsExactlyInAnyOrder(expected));
    }

    /** Waits until this node's cache evictor has handled every event published so far. */
    private void awaitEvictionsDone() {
        TrackingToken head = eventStore.createHeadToken();
        StreamingEventProcessor evictor = processing.eventProcessor(
                FlightSearchConfiguration.CACHE_PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        await().atMost(PATIENCE).until(() -> evictor.processingStatus().values().stream()
                                                    .map(EventTrackerStatus::getTrackingToken)
                                                    .allMatch(token -> token != null && token.covers(head)));
    }

    private List<String> ids(String path) {
        return ids(get(path));
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("schedules").spliterator(), false)
                            .map(card -> card.get("schedule_id").asText()).toList();
    }

    /** Schedule id to its cabins' fares, in the page's order. */
    private Map<String, List<Long>> fares(String path) {
        Map<String, List<Long>> fares = new LinkedHashMap<>();
        get(path).get("schedules").forEach(card -> fares.put(
                card.get("schedule_id").asText(),
                StreamSupport.stream(card.get("cabins").spliterator(), false)
                             .map(cabin -> cabin.get("fare").asLong()).toList()));
        return fares;
    }

    private JsonNode get(String path) {
        ApiResponse response = anonymous.get(path);
        assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
        return response.json();
    }

    private void badRequest(String path, String parameter) {
        ApiResponse response = anonymous.get(path);
        assertThat(response.status()).as(path + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode body = response.json();
        List<String> fields = new ArrayList<>();
        body.path("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields.contains(parameter) || body.get("detail").asText().contains(parameter))
                .as(path + " names " + parameter + ": " + body).isTrue();
    }

    /** Publishes events into the real event store as aggregates would. */
    record Events(EventStore eventStore) {

        void publish(String type, String aggregateId, Object event) {
            publish(type, aggregateId, 0, event);
        }

        void publish(String type, String aggregateId, long sequence, Object event) {
            eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, event));
        }

        static Instant at(String airport, LocalDate date, int hour, int minute) {
            ZoneId zone = AIRPORTS.stream().filter(a -> a.code().equals(airport)).findFirst()
                                  .map(a -> ZoneId.of(a.timeZone())).orElseThrow();
            return date.atTime(hour, minute).atZone(zone).toInstant();
        }

        static FlightScheduledEvent scheduled(String scheduleId, String flightId, String origin,
                                              String destination, Instant departure, int minutes,
                                              Map<Cabin, Long> fares, Map<Cabin, Integer> seats) {
            return new FlightScheduledEvent(scheduleId, flightId, "KE" + Math.abs(flightId.hashCode() % 1000),
                                            "Korean Air", origin, destination, departure,
                                            departure.plus(Duration.ofMinutes(minutes)), fares, seats, null);
        }
    }
}
