package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.couple.CoupleEvents.AnniversaryAddedEvent;
import io.tandem.api.couple.CoupleEvents.CalendarEntryAddedEvent;
import io.tandem.api.couple.CoupleEvents.PlanScheduledEvent;
import io.tandem.api.vehicle.VehicleEvents.MaintenanceLoggedEvent;
import io.tandem.api.vehicle.VehicleEvents.VehicleRegisteredEvent;
import io.tandem.launcher.CoupleUsers.User;
import io.tandem.platform.storage.FileStorage;
import io.tandem.platform.storage.StoredObjectNotFoundException;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.StompTestClient;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;

import static io.tandem.testsupport.ApiClient.json;
import static io.tandem.testsupport.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Erasure reaches every feature that keeps something of the person (security review M6): their chat text, their
 * couple and what the couple kept, their posts, comments and uploaded images, their vehicles. Each feature's events
 * carry the personal fields encrypted, and each read model forgets them when the person is erased. People are
 * erased by an admin here, the path that needs no re-authentication.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ErasureReachTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore events;
    @Autowired
    FileStorage storage;

    private ApiClient anonymous;
    private ApiClient admin;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", "admin@tandem.test",
                                                                        "password", "admin-pass-1")));
        admin = anonymous.as(login.json().get("access_token").asText());
    }

    @Test
    void erasingAPartnerEndsTheCoupleAndLeavesNoChatTextOfTheirs() {
        User erased = CoupleUsers.signUp(anonymous, "E");
        User partner = CoupleUsers.signUp(anonymous, "P");
        String coupleId = CoupleUsers.link(erased, partner);
        await().atMost(PATIENCE).until(() -> partner.api().get("/api/couple/info").status() == 200);
        String secret = "meet me at the old place " + UUID.randomUUID();
        try (StompTestClient socket = StompTestClient.connect(ws(), erased.api().accessToken())) {
            BlockingQueue<JsonNode> acks = socket.subscribe("/user/queue/chat/acks");
            socket.send("/app/chat/send", Map.of("text", secret, "client_message_id", "c-1"));
            assertThat(next(acks).get("couple_id").asText()).isEqualTo(coupleId);
        }
        await().atMost(PATIENCE).until(() -> partner.api().get("/api/chat/messages").body().contains(secret));

        erase(erased);

        await().atMost(PATIENCE).untilAsserted(() -> {
            ApiResponse info = partner.api().get("/api/couple/info");
            assertThat(info.status()).as(info.toString()).isEqualTo(404);
            assertThat(info.json().path("code").asText()).isEqualTo("not_in_couple");
        });
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM chat_message WHERE text = :text")
                                                 .param("text", secret).query(Long.class).single() == 0);
        // the partner is free to link again at once
        User next = CoupleUsers.signUp(anonymous, "N");
        assertThat(CoupleUsers.match(next, CoupleUsers.invite(partner)).status()).isEqualTo(200);
    }

    @Test
    void whatACoupleKeepsIsEncryptedAndUnreadableOnceOneOfThemIsErased() {
        User erased = CoupleUsers.signUp(anonymous, "E");
        User partner = CoupleUsers.signUp(anonymous, "P");
        String coupleId = CoupleUsers.link(erased, partner);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String anniversary = created(erased.api().post("/api/anniversary", json(Map.of(
                "title", "first kiss " + marker, "date", "2024-02-14", "yearly", true))));
        String plan = created(erased.api().post("/api/plan", json(Map.of(
                "title", "dinner " + marker, "place", "Hannam " + marker,
                "time", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).toString()))));
        String entry = created(erased.api().post("/api/calendar", json(Map.of(
                "date", LocalDate.now().toString(), "title", "picnic " + marker, "content", "we said " + marker))));

        assertThat(rawPayloads(List.of(anniversary, plan, entry))).hasSize(3).noneMatch(p -> p.contains(marker));
        await().atMost(PATIENCE).until(() -> partner.api().get("/api/plan").body().contains(marker));

        erase(erased);

        await().atMost(PATIENCE).until(() -> coupleRows(coupleId) == 0);
        assertThat(payloadOf(anniversary, AnniversaryAddedEvent.class).title()).isNull();
        PlanScheduledEvent scheduled = payloadOf(plan, PlanScheduledEvent.class);
        assertThat(scheduled.title()).isNull();
        assertThat(scheduled.place()).isNull();
        CalendarEntryAddedEvent added = payloadOf(entry, CalendarEntryAddedEvent.class);
        assertThat(added.title()).isNull();
        assertThat(added.content()).isNull();
    }

    @Test
    void anErasedAuthorsPostsCommentsAndImagesAreGone() {
        User erased = CoupleUsers.signUp(anonymous, "E");
        User reader = CoupleUsers.signUp(anonymous, "R");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        ApiResponse uploaded = erased.api().upload("/api/files", "file", "face.png", "image/png",
                                                   TestImages.png(16, 16));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String imageId = uploaded.json().get("file_id").asText();
        ApiResponse posted = erased.api().post("/api/post", json(Map.of(
                "title", "my date course " + marker, "content", "call me " + marker, "image_file_ids",
                List.of(imageId))));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String postId = posted.json().get("post_id").asText();
        ApiResponse readersPost = reader.api().post("/api/post", json(Map.of("title", "reader's", "content", "x")));
        String readersPostId = readersPost.json().get("post_id").asText();
        ApiResponse commented = erased.api().post("/api/post/" + readersPostId + "/comment",
                                                  json(Map.of("content", "my number is " + marker)));
        assertThat(commented.status()).as(commented.toString()).isEqualTo(201);

        assertThat(jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE payloadtype LIKE "
                            + "'%CommunityEvents%' AND convert_from(payload, 'UTF8') LIKE :author")
                       .param("author", "%" + erased.id() + "%").query(String.class).list())
                .hasSize(2).noneMatch(payload -> payload.contains(marker));
        await().atMost(PATIENCE).until(() -> reader.api().get("/api/files/" + imageId).status() == 200
                                             && reader.api().get("/api/post/" + readersPostId + "/comments").body()
                                                      .contains(marker)
                                             && reader.api().get("/api/post?q=" + marker).body().contains(postId));

        erase(erased);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(reader.api().get("/api/files/" + imageId).status()).isEqualTo(404);
            assertThat(reader.api().get("/api/post/" + postId).status()).isEqualTo(404);
            assertThat(reader.api().get("/api/post").body()).doesNotContain(postId);
            assertThat(reader.api().get("/api/post/" + readersPostId + "/comments").body()).doesNotContain(marker);
        });
        String storageKey = "files/" + erased.id() + "/" + imageId;
        await().atMost(PATIENCE).untilAsserted(() -> assertThatThrownBy(() -> storage.get(storageKey))
                .isInstanceOf(StoredObjectNotFoundException.class));
        assertThat(jdbc.sql("SELECT count(*) FROM community_post WHERE title LIKE :m OR content LIKE :m")
                       .param("m", "%" + marker + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM community_comment WHERE content LIKE :m")
                       .param("m", "%" + marker + "%").query(Long.class).single()).isZero();
    }

    @Test
    void anErasedOwnersVehiclesAreGoneForAdminsToo() {
        User erased = CoupleUsers.signUp(anonymous, "E");
        String vin = "KMHE" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 13);
        ApiResponse registered = erased.api().post("/api/vehicles", json(Map.of(
                "vin", vin, "plate_number", "98무 7654", "make", "Kia", "model", "Morning", "year", 2020,
                "fuel_type", "GASOLINE", "mileage", 10_000)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String vehicleId = registered.json().get("vehicle_id").asText();
        ApiResponse logged = erased.api().post("/api/vehicles/" + vehicleId + "/maintenance", json(Map.of(
                "service_date", LocalDate.now().toString(), "mileage", 10_500, "type", "REPAIR",
                "description", "dent from the school gate", "shop", "Kim's garage", "parts", List.of(),
                "labour_cost", 50_000)));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);

        assertThat(rawPayloads(List.of(vehicleId))).hasSizeGreaterThanOrEqualTo(2)
                .noneMatch(p -> p.contains(vin) || p.contains("98무 7654") || p.contains("school gate"));
        await().atMost(PATIENCE).until(() -> admin.get("/api/admin/vehicles?vin=" + vin).body().contains(vehicleId));

        erase(erased);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(admin.get("/api/admin/vehicles?include_deleted=true&vin=" + vin).body())
                    .doesNotContain(vehicleId);
            assertThat(admin.get("/api/vehicles/" + vehicleId).status()).isEqualTo(404);
        });
        assertThat(jdbc.sql("SELECT count(*) FROM maintenance_record WHERE vehicle_id = :id").param("id", vehicleId)
                       .query(Long.class).single()).isZero();
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM vehicle_vin_claim WHERE vin = :vin")
                                                 .param("vin", vin).query(Long.class).single() == 0);
        VehicleRegisteredEvent vehicle = payloadOf(vehicleId, VehicleRegisteredEvent.class);
        assertThat(vehicle.vin()).isNull();
        assertThat(vehicle.plateNumber()).isNull();
        assertThat(payloadOf(vehicleId, MaintenanceLoggedEvent.class).details()).isNull();
    }

    private void erase(User user) {
        ApiResponse erased = admin.delete("/api/admin/users/" + user.id());
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
    }

    private String ws() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    private static String created(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private long coupleRows(String coupleId) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM couple_anniversary WHERE couple_id = :id)
                             + (SELECT count(*) FROM couple_plan WHERE couple_id = :id)
                             + (SELECT count(*) FROM couple_calendar_entry WHERE couple_id = :id)
                        """)
                   .param("id", coupleId).query(Long.class).single();
    }

    private List<String> rawPayloads(List<String> aggregateIds) {
        return jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier IN (:ids)")
                   .param("ids", aggregateIds)
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
}
