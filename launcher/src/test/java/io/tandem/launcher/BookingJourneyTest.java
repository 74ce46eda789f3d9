package io.tandem.launcher;

import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Booking to payment to confirmation over HTTP, with every side in one JVM and Bootpay on loopback: the saga
 * confirms a paid booking, expires an unpaid one and frees its seat, and refunds a cancelled one exactly once,
 * retrying a refund that failed. Payments that buy no booking are in {@link RefusedPaymentJourneyTest}.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class BookingJourneyTest {

    private static final BootpayLoopbackServer BOOTPAY = BookingTrip.BOOTPAY;

    @LocalServerPort
    int port;

    private BookingTrip trip;

    @BeforeEach
    void setUp() {
        trip = new BookingTrip(port);
    }

    @Test
    void aPaidBookingIsConfirmed() {
        String number = trip.book("1A", "Lee Jieun");
        trip.pay(number);
        trip.awaitStatus(number, "CONFIRMED");
        assertThat(trip.occupiedSeats()).contains("1A");
        String secondPayment = BOOTPAY.createPayment(number, BookingTrip.FARE, BootpayLoopbackServer.PAID);
        ApiResponse payingTwice = trip.traveller.post("/api/payments/attach-booking", json(Map.of(
                "booking_number", number, "receipt_id", secondPayment)));
        assertThat(payingTwice.status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(20))
               .untilAsserted(() -> assertThat(BOOTPAY.refunds(secondPayment)).as("paid twice: once back").hasSize(1));
        trip.awaitNotification("BOOKING_CONFIRMED", number);
    }

    @Test
    void anUnpaidBookingExpiresAndItsSeatCanBeBookedAgain() {
        String number = trip.book("2B", "Park Bogum");
        await().atMost(Duration.ofSeconds(60))
               .untilAsserted(() -> assertThat(trip.booking(number).path("status").asText()).isEqualTo("EXPIRED"));
        await().atMost(Duration.ofSeconds(10))
               .untilAsserted(() -> assertThat(trip.occupiedSeats()).doesNotContain("2B"));
        trip.book("2B", "Park Bogum");
        trip.awaitNotification("BOOKING_EXPIRED", number);
    }

    @Test
    void cancellingAPaidBookingRefundsOnceEvenAfterARefundFailure() {
        String number = trip.book("3C", "김민지");
        String receiptId = trip.pay(number);
        trip.awaitStatus(number, "CONFIRMED");

        BOOTPAY.failNextCancels(1);
        ApiResponse cancel = trip.traveller.post("/api/bookings/" + number + "/cancel", json(Map.of("reason", "ill")));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
               .untilAsserted(() -> assertThat(trip.booking(number).path("status").asText()).isEqualTo("CANCELLED"));
        assertThat(BOOTPAY.refunds(receiptId)).hasSize(1);
        assertThat(trip.booking(number).path("refund_attempts").asInt()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
               .untilAsserted(() -> assertThat(trip.occupiedSeats()).doesNotContain("3C"));
        trip.awaitNotification("REFUND_COMPLETED", number);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiResponse found = trip.admin.get("/api/admin/bookings/search?q="
                                               + URLEncoder.encode("김민지", StandardCharsets.UTF_8));
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.body()).contains(number);
        });
    }
}
