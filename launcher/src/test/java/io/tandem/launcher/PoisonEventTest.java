package io.tandem.launcher;

import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.Passenger;
import io.tandem.api.community.CommunityEvents.PostCreatedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryAddedEvent;
import io.tandem.api.flight.Cabin;
import io.tandem.api.flight.FlightEvents.FlightScheduledEvent;
import io.tandem.api.flight.SeatMap;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events no read model can store, appended straight to the event store as a buggy or malicious writer could: a NUL
 * in an anniversary title, in a post title and in a passenger's name, an author id and a flight number too long for
 * the search index,
 * a booking without an expiry (its saga cannot schedule the payment deadline) and a flight that lasts longer than
 * the search mapping's minutes can count. Each bad sequence is parked with its cause, events of other aggregates
 * appended right after are projected, and every processor, sagas included, follows the event stream to its head.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class PoisonEventTest {

    private static final Logger log = LoggerFactory.getLogger(PoisonEventTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final LocalDate TRAVEL_DATE = LocalDate.now(ZoneOffset.UTC).plusDays(300);

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @LocalServerPort
    int port;

    @Test
    void poisonEventsAreParkedWithTheirCauseAndEveryProcessorKeepsFollowing() {
        Instant departure = TRAVEL_DATE.atTime(9, 0).toInstant(ZoneOffset.UTC);
        millisUntilProjected(goodEvents(departure)); // warms the processors and creates the search indices
        Map<String, Long> baseline = millisUntilProjected(goodEvents(departure));

        String badAnniversary = id();
        String badPost = id();
        String badBooking = bookingNumber();
        String unsearchableBooking = bookingNumber();
        String badSchedule = id();
        Instant poisonedAt = Instant.now();
        append("Anniversary", badAnniversary, anniversary(badAnniversary, "D-day\u0000"));
        // an image id too long for the index's keyword field (the author id is the key of the encrypted title)
        append("Post", badPost, new PostCreatedEvent(badPost, id(), "title\u0000", "content",
                                                     List.of("x".repeat(40_000))));
        append("Booking", badBooking, booking(badBooking, "Kim\u0000", null));
        append("Booking", unsearchableBooking, new BookingPlacedEvent(
                unsearchableBooking, id(), id(), id(), "항".repeat(11_000), "ICN", "NRT", departure, "1A",
                Cabin.ECONOMY, List.of(new Passenger("Park", LocalDate.of(1990, 1, 1), "010-0000-0000")), 100_000,
                departure.minus(Duration.ofDays(1))));
        append("Flight", badSchedule, flight(badSchedule, departure, departure.plus(5000 * 365L, ChronoUnit.DAYS)));
        Map<String, String> next = goodEvents(departure);
        Map<String, Long> afterPoison = millisUntilProjected(next, poisonedAt);
        log.info("From append to projection in ms, normal events: {}; the poison and the next events appended back "
                 + "to back, until the next are projected: {}", baseline, afterPoison);

        assertParked("couples", badAnniversary, "invalid byte sequence");
        assertParked("community", badPost, "invalid byte sequence");
        assertParked("community-post-search", badPost, "image_file_ids");
        assertParked("bookings", badBooking, "unsupported Unicode escape sequence");
        assertParked("bookings", unsearchableBooking, "value too long");
        assertParked("booking-search", unsearchableBooking, "flight_number");
        // the saga cannot schedule a payment deadline without an expiry
        assertParked("BookingPaymentSagaProcessor", "bookingNumber=" + badBooking, "Exception");
        assertParked("flight-search", badSchedule, "duration_minutes");

        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + port);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(anonymous.get(
                "/api/flights/search?departure=ICN&arrival=NRT&date=" + TRAVEL_DATE + "&size=100").body())
                .contains(next.get("flight_search_schedule")).doesNotContain(badSchedule));
        await().atMost(PATIENCE).until(() -> sagaAssociations("bookingNumber", next.get("booking")) == 1);
        assertThat(sagaAssociations("bookingNumber", badBooking)).as("the failed saga was not stored").isZero();

        long head = position(eventStore.createHeadToken());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(processorsBehind(head)).isEmpty());
    }

    private void append(String type, String aggregateId, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, 0, payload));
    }

    /** Appends an anniversary, a post, a booking and a flight; returns their ids by the table they land in. */
    private Map<String, String> goodEvents(Instant departure) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("couple_anniversary", id());
        ids.put("community_post", id());
        ids.put("booking", bookingNumber());
        ids.put("flight_search_schedule", id());
        append("Anniversary", ids.get("couple_anniversary"), anniversary(ids.get("couple_anniversary"), "100 days"));
        append("Post", ids.get("community_post"), post(ids.get("community_post"), id(), "a post"));
        append("Booking", ids.get("booking"), booking(ids.get("booking"), "Lee", departure.minus(Duration.ofDays(1))));
        append("Flight", ids.get("flight_search_schedule"),
               flight(ids.get("flight_search_schedule"), departure, departure.plus(Duration.ofHours(2))));
        return ids;
    }

    private Map<String, Long> millisUntilProjected(Map<String, String> idsByTable) {
        return millisUntilProjected(idsByTable, Instant.now());
    }

    /** How long after {@code since} each row was seen in its table, polled every few milliseconds. */
    private Map<String, Long> millisUntilProjected(Map<String, String> idsByTable, Instant since) {
        Map<String, Long> delays = new LinkedHashMap<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> {
            idsByTable.forEach((table, id) -> {
                if (!delays.containsKey(table) && rowExists(table, id)) {
                    delays.put(table, Duration.between(since, Instant.now()).toMillis());
                }
            });
            return delays.size() == idsByTable.size();
        });
        return delays;
    }

    private boolean rowExists(String table, String id) {
        String idColumn = switch (table) {
            case "couple_anniversary" -> "anniversary_id";
            case "community_post" -> "post_id";
            case "booking" -> "booking_number";
            default -> "schedule_id";
        };
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + idColumn + " = ?").param(id)
                   .query(Long.class).single() > 0;
    }

    private void assertParked(String group, String sequence, String cause) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql("""
                SELECT cause_type || ': ' || cause_message FROM dead_letter_status
                WHERE processing_group = ? AND sequence_identifier = ?
                """).params(group, sequence).query(String.class).list())
                .as("the dead letters of %s in %s", sequence, group)
                .singleElement().asString().contains(cause));
    }

    private long sagaAssociations(String key, String value) {
        return jdbc.sql("SELECT count(*) FROM associationvalueentry WHERE associationkey = ? AND associationvalue = ?")
                   .params(key, value).query(Long.class).single();
    }

    /** The streaming processors whose segments have not yet reached {@code head}, with where they are. */
    private Map<String, Object> processorsBehind(long head) {
        Map<String, Object> behind = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                List<Long> positions = streaming.processingStatus().values().stream()
                                                .map(status -> status.getCurrentPosition().orElse(-1))
                                                .toList();
                if (positions.isEmpty() || positions.stream().anyMatch(position -> position < head)) {
                    behind.put(name, positions);
                }
            }
        });
        return behind;
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }

    private static AnniversaryAddedEvent anniversary(String id, String title) {
        return new AnniversaryAddedEvent(id, id(), title, LocalDate.of(2026, 1, 1), true, id());
    }

    private static PostCreatedEvent post(String id, String authorId, String title) {
        return new PostCreatedEvent(id, authorId, title, "content", List.of());
    }

    private static BookingPlacedEvent booking(String bookingNumber, String passenger, Instant expiresAt) {
        return new BookingPlacedEvent(bookingNumber, id(), id(), id(), "PZ100", "ICN", "NRT",
                                      Instant.now().plus(Duration.ofDays(30)), "1A", Cabin.ECONOMY,
                                      List.of(new Passenger(passenger, LocalDate.of(1990, 1, 1), "010-0000-0000")),
                                      100_000, expiresAt);
    }

    private static FlightScheduledEvent flight(String scheduleId, Instant departure, Instant arrival) {
        return new FlightScheduledEvent(scheduleId, id(), "PZ101", "Poison Air", "ICN", "NRT", departure, arrival,
                                        Map.of(Cabin.ECONOMY, 100_000L), Map.of(Cabin.ECONOMY, 6),
                                        new SeatMap("A321", List.of(new SeatMap.Section(Cabin.ECONOMY, 1, 1,
                                                                                        "ABCDEF"))));
    }

    private static String bookingNumber() {
        return "PZ" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
