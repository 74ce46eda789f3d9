package io.tandem.query.booking;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingNumber;
import io.tandem.api.booking.Passenger;
import io.tandem.api.flight.Cabin;
import io.tandem.api.identity.Role;
import io.tandem.platform.security.JwtProperties;
import io.tandem.query.QuerySideApplication;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SharedElasticsearch;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What the booking tests share, including one application context: the query side on its own against the real
 * event store, PostgreSQL and the in-JVM Elasticsearch node, with index names of its own. Events go into the event
 * store exactly as the command side stores them; reads come back over HTTP.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({QuerySideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
abstract class BookingTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final SecureRandom RANDOM = new SecureRandom();

    @DynamicPropertySource
    static void search(DynamicPropertyRegistry registry) {
        registry.add("tandem.search.url", SharedElasticsearch::httpUrl);
        registry.add("tandem.search.index", () -> "booking-tests-flights-" + RUN);
        registry.add("tandem.search.booking-index", () -> "booking-tests-" + RUN);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JwtEncoder jwtEncoder;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    EventProcessingConfiguration processing;

    ApiClient anonymous;

    @BeforeEach
    void connect() {
        anonymous = client();
    }

    ApiClient client() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    // --- events ---

    void publish(String type, String aggregateId, long firstSequence, Object... events) {
        for (int i = 0; i < events.length; i++) {
            eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, firstSequence + i, events[i]));
        }
    }

    /** The booking's first event (sequence 0), stored as happening at {@code placedAt}. */
    void place(BookingPlacedEvent event, Instant placedAt) {
        eventStore.publish(new GenericDomainEventMessage<>("Booking", event.bookingNumber(), 0, event, Map.of(),
                                                           UUID.randomUUID().toString(), placedAt));
    }

    /** Later events of a booking, from sequence number {@code firstSequence}. */
    void booking(String bookingNumber, long firstSequence, Object... events) {
        publish("Booking", bookingNumber, firstSequence, events);
    }

    static BookingPlacedEvent placed(String bookingNumber, String userId, String flightNumber, Instant departureAt,
                                     String seatId, Passenger... passengers) {
        return new BookingPlacedEvent(bookingNumber, userId, UUID.randomUUID().toString(),
                                      UUID.randomUUID().toString(), flightNumber, "ICN", "NRT", departureAt, seatId,
                                      Cabin.ECONOMY, List.of(passengers), 250_000L,
                                      Instant.parse("2030-01-01T00:15:00Z"));
    }

    static Passenger passenger(String name, String phone) {
        return new Passenger(name, LocalDate.of(1995, 3, 14), phone);
    }

    /** A new booking number as the command side makes them: TD and ten characters of [0-9A-Z]. */
    static String bookingNumber() {
        return BookingNumber.next();
    }

    /** A flight number no other test uses: two letters and four digits. */
    static String flightNumber() {
        return "Q" + (char) ('A' + RANDOM.nextInt(26)) + (1000 + RANDOM.nextInt(9000));
    }

    // --- processors ---

    StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }

    /** Waits until every segment of the group has handled every event stored so far. */
    void awaitCaughtUp(String group) {
        TrackingToken head = eventStore.createHeadToken();
        StreamingEventProcessor processor = processor(group);
        await().atMost(PATIENCE).until(() -> {
            var segments = processor.processingStatus().values();
            return !segments.isEmpty() && segments.stream().allMatch(
                    status -> !status.isErrorState() && status.getTrackingToken() != null
                              && status.getTrackingToken().covers(head));
        });
    }

    // --- HTTP ---

    ApiClient user(String userId) {
        return client().as(token(userId, Role.USER));
    }

    ApiClient admin() {
        return client().as(token(UUID.randomUUID().toString(), Role.USER, Role.ADMIN));
    }

    static List<String> bookingNumbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.get("bookings").forEach(booking -> numbers.add(booking.get("booking_number").asText()));
        return numbers;
    }

    static JsonNode ok(ApiResponse response) {
        if (response.status() != 200) {
            throw new AssertionError("Expected 200, got " + response);
        }
        return response.json();
    }

    private String token(String userId, Role... roles) {
        Instant now = Instant.now();
        return jwtEncoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer(jwtProperties.issuer()).subject(userId).issuedAt(now)
                            .expiresAt(now.plusSeconds(600))
                            .claim("roles", Arrays.stream(roles).map(Role::name).toList()).build()))
                         .getTokenValue();
    }
}
