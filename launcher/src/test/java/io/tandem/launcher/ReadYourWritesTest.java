package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.launcher.CoupleUsers.User;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.StompTestClient;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
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
import java.util.concurrent.BlockingQueue;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that got 2xx for a write reads what it wrote at once, with no retry: every check below is one request
 * made right after the write's answer, several rounds each so that a lucky ordering cannot pass. The write answers
 * say so in {@code Read-Your-Writes: visible}.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ReadYourWritesTest {

    private static final int ROUNDS = 8;
    private static final LocalDate TRAVEL_DATE = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(12);

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private User user;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        user = CoupleUsers.signUp(anonymous, "Reader");
    }

    @Test
    void anUploadedFileDownloadsAtOnceAndADeletedOneIsGoneAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            byte[] image = TestImages.png(4 + round, 4);
            ApiResponse uploaded = user.api().upload("/api/files", "file", "photo.png", "image/png", image);
            assertVisible(uploaded, 201);
            String fileId = uploaded.json().get("file_id").asText();

            ApiResponse downloaded = user.api().get("/api/files/" + fileId);
            assertThat(downloaded.status()).as(downloaded.toString()).isEqualTo(200);
            assertThat(downloaded.bytes()).isEqualTo(image);

            assertVisible(user.api().delete("/api/files/" + fileId), 204);
            ApiResponse gone = user.api().get("/api/files/" + fileId);
            assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        }
    }

    @Test
    void aRegisteredVehicleReadsAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String vin = vin();
            ApiResponse registered = user.api().post("/api/vehicles", json(Map.of(
                    "vin", vin, "plate_number", "12가" + (3400 + round), "make", "Hyundai", "model", "Avante",
                    "year", 2021, "fuel_type", "GASOLINE", "mileage", 1000 * round)));
            assertVisible(registered, 201);
            String vehicleId = registered.json().get("vehicle_id").asText();

            ApiResponse read = user.api().get("/api/vehicles/" + vehicleId);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().get("vin").asText()).isEqualTo(vin);
        }
    }

    @Test
    void aMatchedCoupleReadsAtOnceAndBothPartnersEnterTheirRoomAtOnce() {
        for (int round = 0; round < ROUNDS / 2; round++) {
            User inviter = CoupleUsers.signUp(anonymous, "Inviter");
            User invitee = CoupleUsers.signUp(anonymous, "Invitee");
            ApiResponse matched = CoupleUsers.match(invitee, CoupleUsers.invite(inviter));
            assertVisible(matched, 200);
            String coupleId = matched.json().get("couple_id").asText();

            for (User partner : List.of(invitee, inviter)) {
                ApiResponse info = partner.api().get("/api/couple/info");
                assertThat(info.status()).as(info.toString()).isEqualTo(200);
            }
            String room = "/topic/couples/" + coupleId + "/chat";
            try (StompTestClient inviterSocket = StompTestClient.connect(ws(), inviter.token());
                 StompTestClient inviteeSocket = StompTestClient.connect(ws(), invitee.token())) {
                BlockingQueue<JsonNode> inviterRoom = inviterSocket.subscribe(room);
                assertThat(inviterSocket.errors()).as("the partner is let into the room").isEmpty();
                inviteeSocket.send("/app/chat/send", Map.of("text", "hello " + round,
                                                            "client_message_id", UUID.randomUUID().toString()));
                assertThat(StompTestClient.next(inviterRoom).get("text").asText()).isEqualTo("hello " + round);
                assertThat(inviterSocket.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aPlacedBookingCanBePaidAtOnceAndAnUnknownNumberIsRefusedLikeSomeoneElses() {
        ApiClient admin = anonymous.as(token("admin@tandem.test", "admin-pass-1"));
        ApiResponse created = admin.post("/api/admin/flights-with-schedules", json(Map.of(
                "flight", Map.of("flight_number", "7C" + (100 + (int) (Math.random() * 800)), "airline", "Jeju Air",
                                 "origin", "GMP", "destination", "CJU",
                                 "seat_map", Map.of("aircraft", "B737", "sections", List.of(
                                         Map.of("cabin", "ECONOMY", "from_row", 1, "to_row", ROUNDS,
                                                "letters", "A")))),
                "schedules", List.of(Map.of("departure_local", TRAVEL_DATE + "T08:00",
                                            "arrival_local", TRAVEL_DATE + "T09:10",
                                            "base_fares", Map.of("ECONOMY", 70_000))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String scheduleId = created.json().get("schedule_ids").get(0).asText();

        String bookingNumber = null;
        for (int row = 1; row <= ROUNDS; row++) {
            ApiResponse placed = user.api().post("/api/bookings", json(Map.of(
                    "schedule_id", scheduleId, "seat_id", row + "A", "passengers", List.of(Map.of(
                            "name", "Kim Reader", "birth_date", "1990-05-05", "phone", "010-2222-3333")))));
            assertVisible(placed, 201);
            bookingNumber = placed.json().get("booking_number").asText();

            ApiResponse init = user.api().post("/api/payments/init", json(Map.of("booking_number", bookingNumber)));
            assertThat(init.status()).as(init.toString()).isEqualTo(200);
            assertThat(init.json().get("price").asLong()).isEqualTo(70_000);
            ApiResponse booking = user.api().get("/api/bookings/" + bookingNumber);
            assertThat(booking.status()).as(booking.toString()).isEqualTo(200);
            assertThat(user.api().get("/api/bookings/occupied-seats/" + scheduleId).body()).contains(row + "A");
            if (row < ROUNDS) {
                // a traveller may hold only a few unpaid bookings (security review H2)
                ApiResponse cancelled = user.api().post("/api/bookings/" + bookingNumber + "/cancel", "{}");
                assertThat(cancelled.status()).as(cancelled.toString()).isLessThan(300);
            }
        }

        User stranger = CoupleUsers.signUp(anonymous, "Stranger");
        ApiResponse someoneElses = stranger.api().post("/api/payments/init",
                                                       json(Map.of("booking_number", bookingNumber)));
        ApiResponse unknown = stranger.api().post("/api/payments/init",
                                                  json(Map.of("booking_number", "TD2222222222")));
        for (ApiResponse refused : List.of(someoneElses, unknown)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.json().get("code").asText()).isEqualTo("booking_not_found");
        }
        assertThat(unknown.json().get("detail")).isEqualTo(someoneElses.json().get("detail"));
    }

    private static void assertVisible(ApiResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Read-Your-Writes")).isEqualTo("visible");
    }

    private String token(String email, String password) {
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password", password)));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("access_token").asText();
    }

    private String ws() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** A random VIN: 17 characters without I, O and Q. */
    private static String vin() {
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder vin = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            vin.append(letters.charAt((int) (Math.random() * letters.length())));
        }
        return vin.toString();
    }
}
