package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.booking.BookingNumber;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import static io.tandem.launcher.BookingTrip.BOOTPAY;
import static io.tandem.launcher.BookingTrip.FARE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payments that must not end in a confirmed booking, with every side in one JVM and Bootpay on loopback: nobody
 * but the booking's owner can fail it (security finding M2), and money that does not buy a booking goes back.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class RefusedPaymentJourneyTest {

    @LocalServerPort
    int port;

    private BookingTrip trip;

    @BeforeEach
    void setUp() {
        trip = new BookingTrip(port);
    }

    /**
     * M2: the booking number is printed on itineraries, and a Bootpay receipt's order id is whatever the payer
     * typed. A stranger pays 100 won, and fails another payment, "for" the victim's booking and posts both
     * receipts to the public webhook: the victim's booking keeps its seat and can still be paid.
     */
    @Test
    void aStrangersReceiptsPostedToTheWebhookNeverCancelSomeoneElsesBooking() {
        String victims = trip.book("5A", "Han Sohee");
        String cheap = BOOTPAY.createPayment(victims, 100, BootpayLoopbackServer.PAID);
        String failed = BOOTPAY.createPayment(victims, FARE, BootpayLoopbackServer.FAILED);

        assertThat(trip.webhook(cheap).status()).isEqualTo(200);
        assertThat(trip.webhook(failed).status()).isEqualTo(200);

        trip.awaitStatus(victims, "PENDING_PAYMENT");
        assertThat(trip.occupiedSeats()).contains("5A");
        trip.pay(victims);
        trip.awaitStatus(victims, "CONFIRMED");
        assertThat(trip.occupiedSeats()).contains("5A");
        awaitRefundedOnce(cheap, 1);
        assertThat(BOOTPAY.cancelRequests(failed)).as("a failed payment took no money").isZero();
    }

    @Test
    void aWrongPriceAndAnUnknownOrderAreRefundedOnceEachAndTheBookingStaysPayable() throws Exception {
        String number = trip.book("4A", "Kim Taeri");
        String wrongPrice = BOOTPAY.createPayment(number, 1_000, BootpayLoopbackServer.PAID);
        String unknownOrder = BOOTPAY.createPayment(BookingNumber.next(), 5_000, BootpayLoopbackServer.PAID);

        deliverTenTimesAtOnce(wrongPrice);
        deliverTenTimesAtOnce(unknownOrder);

        awaitRefundedOnce(wrongPrice, 1);
        awaitRefundedOnce(unknownOrder, 1);
        assertThat(trip.booking(number).path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(trip.occupiedSeats()).contains("4A");
    }

    @Test
    void aPaymentAfterTheTravellerCancelledIsRefundedAndAdminsSeeItUntilTheMoneyIsBack() {
        String number = trip.book("5B", "Jung Haein");
        assertThat(trip.traveller.post("/api/bookings/" + number + "/cancel", "{}").status()).isEqualTo(200);
        trip.awaitStatus(number, "CANCELLED");
        String late = BOOTPAY.createPayment(number, FARE, BootpayLoopbackServer.PAID);
        BOOTPAY.failNextCancels(2);

        assertThat(trip.webhook(late).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(refusedReceipt("pending", late))
                .hasValueSatisfying(row -> {
                    assertThat(row.path("order_id").asText()).isEqualTo(number);
                    assertThat(row.path("paid_amount").asLong()).isEqualTo(FARE);
                    assertThat(row.path("reason").asText()).isEqualTo("booking_not_payable");
                    assertThat(row.path("failed_attempts").asInt()).isPositive();
                    assertThat(row.path("last_failure").asText()).contains("PG_CANCEL_FAILED");
                }));
        awaitRefundedOnce(late, 3);
        await().atMost(Duration.ofSeconds(20))
               .untilAsserted(() -> assertThat(refusedReceipt("refunded", late)).isPresent());
        assertThat(refusedReceipt("pending", late)).isEmpty();
        assertThat(trip.traveller.get("/api/admin/payments/refused-receipts").status()).isEqualTo(403);
    }

    private Optional<JsonNode> refusedReceipt(String status, String receiptId) {
        ApiResponse page = trip.admin.get("/api/admin/payments/refused-receipts?status=" + status + "&size=100");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return StreamSupport.stream(page.json().get("receipts").spliterator(), false)
                            .filter(row -> row.path("receipt_id").asText().equals(receiptId))
                            .findFirst();
    }

    /** Bootpay's ten tries of one notification, arriving together. */
    private void deliverTenTimesAtOnce(String receiptId) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> deliveries = Collections.nCopies(10, () -> trip.webhook(receiptId).status());
            for (Future<Integer> answer : senders.invokeAll(deliveries)) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            senders.shutdown();
        }
    }

    /** The receipt's money went back once, under its cancel id, after {@code cancelCalls} calls to Bootpay. */
    private static void awaitRefundedOnce(String receiptId, int cancelCalls) {
        await().atMost(Duration.ofSeconds(30))
               .untilAsserted(() -> assertThat(BOOTPAY.status(receiptId)).isEqualTo(BootpayLoopbackServer.CANCELLED));
        assertThat(BOOTPAY.refunds(receiptId)).hasSize(1);
        assertThat(BOOTPAY.refunds(receiptId).get(0).cancelId()).isEqualTo("refused-" + receiptId);
        assertThat(BOOTPAY.cancelRequests(receiptId)).isEqualTo(cancelCalls);
    }
}
