package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileUpdatedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.Role;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crypto-shredding end to end (docs/personal-data.md): personal data is encrypted in the event store, and deleting
 * the account ends sign-in, removes the profile, makes the stored events read as null and keeps a rebuilt
 * projection from bringing anything back.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class AccountErasureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final LocalDate TRAVEL_DATE = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(12);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore events;
    @Autowired
    EventProcessingConfiguration processing;

    private ApiClient anonymous;
    private String email;
    private String name;
    private String userId;
    private ApiClient user;

    @BeforeEach
    void signUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        email = "forget-me-" + UUID.randomUUID() + "@example.com";
        name = "Shredded " + UUID.randomUUID();
        ApiResponse signedUp = SignUps.signUp(anonymous, email, "secret123", name);
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        userId = signedUp.json().get("user_id").asText();
        user = anonymous.as(token(email, "secret123"));
    }

    @Test
    void theEventStoreHoldsNoPlainPersonalData() {
        String nickname = "nick-" + userId.substring(0, 8);
        ApiResponse patched = user.patch("/api/user/profile", json(Map.of("nickname", nickname)));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        for (String payload : rawPayloads()) {
            assertThat(payload).doesNotContain(email, name, nickname, "{bcrypt}");
        }
        // the projection still sees the decrypted values
        await().atMost(PATIENCE).untilAsserted(() -> {
            ApiResponse profile = user.get("/api/user/profile");
            assertThat(profile.status()).isEqualTo(200);
            assertThat(profile.json().path("email").asText()).isEqualTo(email);
            assertThat(profile.json().path("nickname").asText()).isEqualTo(nickname);
        });
    }

    @Test
    void deletingTheAccountForgetsThePersonEverywhere() {
        String bookingNumber = book("Passenger " + userId);
        String imageUrl = uploadProfileImage();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(user.get("/api/user/profile").json()
                                                                    .path("name").asText()).isEqualTo(name));
        List<String> storedBefore = rawPayloads();
        ApiClient admin = anonymous.as(token("admin@tandem.test", "admin-pass-1"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                admin.get("/api/admin/bookings/search?q=" + userId).body()).contains(bookingNumber));

        ApiResponse deleted = user.delete("/api/user");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password",
                                                                          "secret123")));
        assertThat(login.status()).isEqualTo(401);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(anonymous.get(imageUrl).status()).isEqualTo(404));
        assertThat(user.get("/api/user/profile").status()).as("the access token ended with the account")
                                                          .isEqualTo(401);
        await().atMost(PATIENCE).until(() -> profileRows(userId) == 0);

        // the events themselves are untouched, but what was personal in them can no longer be read
        assertThat(rawPayloads()).startsWith(storedBefore.toArray(String[]::new));
        UserSignedUpEvent signUp = payloadOf(userId, UserSignedUpEvent.class);
        assertThat(signUp.userId()).isEqualTo(userId);
        assertThat(signUp.role()).isEqualTo(Role.USER);
        assertThat(signUp).extracting(UserSignedUpEvent::email, UserSignedUpEvent::name,
                                      UserSignedUpEvent::passwordHash, UserSignedUpEvent::kakaoId,
                                      UserSignedUpEvent::profileImageUrl)
                          .containsOnlyNulls();
        BookingPlacedEvent placed = payloadOf(bookingNumber, BookingPlacedEvent.class);
        assertThat(placed.userId()).isEqualTo(userId);
        assertThat(placed.seatId()).isEqualTo("2B");
        assertThat(placed.passengers()).isNull();

        // the read models forget the passengers too: the admin's view keeps the booking without them, and a search
        // for the passenger's name finds nothing
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode view = admin.get("/api/admin/bookings/" + bookingNumber).json();
            assertThat(view.path("booking_number").asText()).isEqualTo(bookingNumber);
            assertThat(view.path("passengers")).isEmpty();
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                admin.get("/api/admin/bookings/search?q=" + userId).json().path("bookings")).isEmpty());
    }

    @Test
    void aRebuiltProfileProjectionDoesNotBringTheErasedPersonBack() {
        assertThat(user.patch("/api/user/profile", json(Map.of("nickname", "before erasure"))).status())
                .isEqualTo(200);
        assertThat(user.delete("/api/user").status()).isEqualTo(204);
        String witnessEmail = "witness-" + UUID.randomUUID() + "@example.com";
        ApiResponse witness = SignUps.signUp(anonymous, witnessEmail, "secret123", "Witness");
        assertThat(witness.status()).as(witness.toString()).isEqualTo(201);
        String witnessId = witness.json().get("user_id").asText();
        await().atMost(PATIENCE).until(() -> profileRows(witnessId) == 1 && profileRows(userId) == 0);

        StreamingEventProcessor processor = processing.eventProcessor("user-profiles", StreamingEventProcessor.class)
                                                      .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(profileRows(witnessId)).isZero();
        processor.start();

        long segments = jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname = 'user-profiles'")
                            .query(Long.class).single();
        await().atMost(PATIENCE).until(() -> replayedEverything(processor, segments) && profileRows(witnessId) == 1);
        assertThat(profileRows(userId)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM user_profile WHERE name = :name").param("name", name)
                       .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM deadletterentry WHERE processinggroup = 'user-profiles' "
                            + "AND aggregateidentifier = :id")
                       .param("id", userId).query(Long.class).single())
                .as("the erased person's events replay without failing").isZero();
        ProfileUpdatedEvent update = payloadOf(userId, ProfileUpdatedEvent.class);
        assertThat(update.name()).isNull();
        assertThat(update.nickname()).isNull();
    }

    private static boolean replayedEverything(StreamingEventProcessor processor, long segments) {
        var status = processor.processingStatus();
        return status.size() == segments
               && status.values().stream().allMatch(segment -> segment.isCaughtUp() && !segment.isReplaying());
    }

    private long profileRows(String id) {
        return jdbc.sql("SELECT count(*) FROM user_profile WHERE user_id = :id").param("id", id)
                   .query(Long.class).single();
    }

    private List<String> rawPayloads() {
        return jdbc.sql("""
                        SELECT payload FROM domainevententry
                        WHERE aggregateidentifier = :id
                           OR aggregateidentifier IN (SELECT booking_number FROM booking WHERE user_id = :id)
                        ORDER BY globalindex
                        """)
                   .param("id", userId)
                   .query((rs, row) -> new String(rs.getBytes("payload"), StandardCharsets.UTF_8))
                   .list();
    }

    private <T> T payloadOf(String aggregateId, Class<T> type) {
        return events.readEvents(aggregateId, 0).asStream()
                     .map(Message::getPayload)
                     .filter(type::isInstance)
                     .map(type::cast)
                     .findFirst()
                     .orElseThrow();
    }

    private String token(String login, String password) {
        ApiResponse answer = anonymous.post("/api/auth/login", json(Map.of("username", login, "password", password)));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("access_token").asText();
    }

    private String uploadProfileImage() {
        ApiResponse changed = user.upload("/api/user/profile/image", "image", "me.png", "image/png",
                                          TestImages.png(20, 20));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String url = changed.json().get("profile_image_url").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(anonymous.get(url).status()).isEqualTo(200));
        return url;
    }

    /** Places a booking on a fresh flight, so the passenger's name lands in a BookingPlacedEvent. */
    private String book(String passengerName) {
        ApiClient admin = anonymous.as(token("admin@tandem.test", "admin-pass-1"));
        ApiResponse created = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", Map.of("flight_number", "PD" + ThreadLocalRandom.current().nextInt(1000, 10000),
                                 "airline", "Erasure Air", "origin", "GMP", "destination", "CJU",
                                 "seat_map", Map.of("aircraft", "B737", "sections", List.of(
                                         Map.of("cabin", "ECONOMY", "from_row", 1, "to_row", 3, "letters", "ABC")))),
                "schedules", List.of(Map.of("departure_local", TRAVEL_DATE + "T08:00",
                                            "arrival_local", TRAVEL_DATE + "T09:10",
                                            "base_fares", Map.of("ECONOMY", 90_000))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String scheduleId = created.json().get("schedule_ids").get(0).asText();
        ApiResponse placed = user.post("/api/bookings", json(Map.of(
                "schedule_id", scheduleId, "seat_id", "2B", "passengers", List.of(Map.of(
                        "name", passengerName, "birth_date", "1990-05-05", "phone", "010-2222-3333")))));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String bookingNumber = placed.json().get("booking_number").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(user.get("/api/bookings/" + bookingNumber).status())
                .isEqualTo(200));
        String raw = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                              + "WHERE aggregateidentifier = :number AND payloadtype LIKE '%BookingPlacedEvent'")
                         .param("number", bookingNumber).query(String.class).single();
        assertThat(raw).doesNotContain(passengerName, "010-2222-3333", "1990-05-05")
                       .contains("\"passengers\":\"pd:v1:");
        return bookingNumber;
    }
}
