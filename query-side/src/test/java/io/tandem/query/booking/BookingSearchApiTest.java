package io.tandem.query.booking;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admin search over the bookings' Elasticsearch index: by booking number, passenger name in English and Korean,
 * phone with and without dashes, and flight number. The names, phones and flight numbers are this class's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingSearchApiTest extends BookingTestSupport {

    private static final String FIRST_FLIGHT = flightNumber();
    private static final String SECOND_FLIGHT = flightNumber();

    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    BookingIndex index;

    private final String hong = bookingNumber();
    private final String minji = bookingNumber();
    private final String minsu = bookingNumber();
    private final String seojun = bookingNumber();
    private final String minjiOwner = UUID.randomUUID().toString();

    @BeforeAll
    void placeBookings() {
        Instant departure = Instant.parse("2031-05-05T03:00:00Z");
        Instant placedAt = Instant.parse("2026-11-20T00:00:00Z");
        place(placed(hong, UUID.randomUUID().toString(), FIRST_FLIGHT, departure, "20A",
                     passenger("Hong Gildong", "010-2345-6789")), placedAt);
        place(placed(minji, minjiOwner, FIRST_FLIGHT, departure, "20B", passenger("김민지", "01098765432")),
              placedAt.plusSeconds(1));
        place(placed(minsu, UUID.randomUUID().toString(), SECOND_FLIGHT, departure, "20C",
                     passenger("김민수", "01087654321")), placedAt.plusSeconds(2));
        place(placed(seojun, UUID.randomUUID().toString(), SECOND_FLIGHT, departure, "20D",
                     passenger("이서준", "+82 10-7777-8888"), passenger("이하나", null)), placedAt.plusSeconds(3));
        for (String number : List.of(hong, minji, minsu, seojun)) {
            awaitFound(number, number);
        }
    }

    @Test
    void findsABookingByItsNumberOrItsBeginning() {
        awaitFound(minji, minji);
        JsonNode page = ok(admin().get(search(minji)));
        assertThat(page.get("total_elements").asLong()).isEqualTo(1);
        JsonNode found = page.get("bookings").get(0);
        assertThat(found.get("user_id").asText()).isEqualTo(minjiOwner);
        assertThat(found.get("flight_number").asText()).isEqualTo(FIRST_FLIGHT);
        assertThat(found.get("seat_id").asText()).isEqualTo("20B");
        assertThat(found.get("passengers").get(0).get("name").asText()).isEqualTo("김민지");
        assertThat(found.get("passengers").get(0).get("birth_date").asText()).isEqualTo("1995-03-14");
        assertThat(found.get("created_at").asText()).isEqualTo("2026-11-20T00:00:01Z");

        assertThat(found(minji.toLowerCase())).containsExactly(minji);
        assertThat(found(hong.substring(0, 8))).contains(hong);
        assertThat(found(hong.substring(0, 8).toLowerCase())).contains(hong);
    }

    @Test
    void findsPassengersByEnglishName() {
        awaitFound("Hong Gildong", hong);
        assertThat(found("gildong")).containsExactly(hong);
        assertThat(found("GILDONG HONG")).containsExactly(hong);
        assertThat(found("Hong Gil")).containsExactly(hong);
        assertThat(found("Hong Minji")).isEmpty();
    }

    @Test
    void findsPassengersByKoreanNameAndPartOfIt() {
        awaitFound("김민지", minji);
        assertThat(found("김민수")).containsExactly(minsu);
        assertThat(found("김 민지")).containsExactly(minji);
        assertThat(found("민지")).containsExactly(minji);
        assertThat(found("김민")).containsExactlyInAnyOrder(minji, minsu);
        assertThat(found("이서준")).containsExactly(seojun);
        assertThat(found("서준")).containsExactly(seojun);
        assertThat(found("이하나")).containsExactly(seojun);
        assertThat(found("박민지")).isEmpty();
    }

    @Test
    void findsPassengersByPhoneWithOrWithoutDashes() {
        awaitFound("01098765432", minji);
        assertThat(found("010-9876-5432")).containsExactly(minji);
        assertThat(found("010 9876 5432")).containsExactly(minji);
        assertThat(found("01023456789")).containsExactly(hong);
        assertThat(found("010-2345-6789")).containsExactly(hong);
        assertThat(found("010-7777-8888")).containsExactly(seojun);
        assertThat(found("+82 10-7777-8888")).containsExactly(seojun);
        assertThat(found("010-0000-0000")).isEmpty();
    }

    @Test
    void findsBookingsByFlightNumber() {
        awaitFoundInAnyOrder(FIRST_FLIGHT, hong, minji);
        assertThat(found(FIRST_FLIGHT.toLowerCase())).containsExactlyInAnyOrder(hong, minji);
        assertThat(found(SECOND_FLIGHT)).containsExactlyInAnyOrder(minsu, seojun);
    }

    @Test
    void searchShowsTheBookingsCurrentStatus() {
        String number = bookingNumber();
        String userId = UUID.randomUUID().toString();
        place(placed(number, userId, FIRST_FLIGHT, Instant.parse("2031-05-06T03:00:00Z"), "21A",
                     passenger("Status Check", "01066665555")), Instant.now());
        awaitFound(number, number);
        assertThat(ok(admin().get(search(number))).get("bookings").get(0).get("status").asText())
                .isEqualTo("PENDING_PAYMENT");

        booking(number, 1, new PaymentRecordedEvent(number, "receipt-" + number, 250_000L, "card"),
                new BookingConfirmedEvent(number, userId));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode booking = ok(admin().get(search("01066665555"))).get("bookings").get(0);
            assertThat(booking.get("status").asText()).isEqualTo("CONFIRMED");
            assertThat(booking.get("receipt_id").asText()).isEqualTo("receipt-" + number);
        });
    }

    @Test
    void searchInputIsValidated() {
        ApiClient admin = admin();
        assertThat(admin.get("/api/admin/bookings/search").status()).isEqualTo(400);
        assertInvalid(admin.get("/api/admin/bookings/search?q="), "q");
        assertInvalid(admin.get("/api/admin/bookings/search?q=%20%20"), "q");
        assertInvalid(admin.get(search("x".repeat(101))), "q");
        assertInvalid(admin.get(search("kim") + "&size=101"), "size");
        assertInvalid(admin.get(search("kim") + "&page=-1"), "page");
        ApiResponse longest = admin.get(search("x".repeat(100)));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(200);
        assertThat(bookingNumbers(longest.json())).isEmpty();
        ApiResponse farPage = admin.get(search("TD") + "&page=1000&size=100");
        assertThat(farPage.status()).as(farPage.toString()).isEqualTo(200);
        assertThat(bookingNumbers(farPage.json())).isEmpty();

        ApiResponse refused = user(UUID.randomUUID().toString()).get(search("kim"));
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void aResetRecreatesTheIndexAndRefillsIt() throws IOException {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        queries.put("김민지", List.of(minji));
        queries.put("Hong Gildong", List.of(hong));
        queries.put("010-7777-8888", List.of(seojun));
        queries.put(minsu, List.of(minsu));
        queries.forEach((query, expected) -> awaitFound(query, expected.toArray(String[]::new)));
        Set<String> indicesBefore = elasticsearch.indices().getAlias(a -> a.name(index.alias())).result().keySet();

        StreamingEventProcessor processor = processor(BookingSearchProjection.PROCESSING_GROUP);
        processor.shutDown();
        processor.resetTokens();
        Set<String> indicesAfter = elasticsearch.indices().getAlias(a -> a.name(index.alias())).result().keySet();
        assertThat(indicesAfter).hasSize(1).doesNotContainAnyElementsOf(indicesBefore);
        assertThat(elasticsearch.indices().exists(e -> e.index(List.copyOf(indicesBefore))).value()).isFalse();
        processor.start();

        queries.forEach((query, expected) -> awaitFound(query, expected.toArray(String[]::new)));
    }

    private void awaitFound(String query, String... expected) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(found(query)).containsExactly(expected));
    }

    private void awaitFoundInAnyOrder(String query, String... expected) {
        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(found(query)).containsExactlyInAnyOrder(expected));
    }

    private List<String> found(String query) {
        return bookingNumbers(ok(admin().get(search(query) + "&size=100")));
    }

    private static String search(String query) {
        return "/api/admin/bookings/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static void assertInvalid(ApiResponse response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }
}
