package io.tandem.saga.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.Rejection;
import io.tandem.api.booking.BookingCommands.RecordPaymentCommand;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.LoopbackClient;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.saga.payment.PaymentTestSupport.bookingNumber;
import static io.tandem.saga.payment.PaymentTestSupport.placed;
import static io.tandem.saga.payment.PaymentTestSupport.webhookRows;
import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Opening a payment, Bootpay's notifications and the app's attach, each checked against Bootpay's receipt. */
class PaymentApiTest extends PaymentEdgeTest {

    @Autowired
    EventProcessingConfiguration processing;

    // ---------------------------------------------------------------- init

    @Test
    void initOpensThePaymentWithTheBookingsOwnPrice() {
        place(booking, userId, FARE);

        ApiResponse init = traveller.post("/api/payments/init",
                                          json(Map.of("booking_number", booking, "price", 100, "amount", 100)));

        assertThat(init.status()).as(init.toString()).isEqualTo(200);
        JsonNode body = init.json();
        assertThat(body.get("order_id").asText()).isEqualTo(booking);
        assertThat(body.get("price").asLong()).isEqualTo(FARE);
        assertThat(body.get("order_name").asText()).isEqualTo("KE703 ICN→NRT 12C");
        assertThat(body.get("application_id").asText()).isEqualTo(PaymentTestSupport.CLIENT_APPLICATION_ID);
        assertThat(body.get("user").get("id").asText()).isEqualTo(userId);
        assertThat(body.get("extra").get("separately_confirmed").asBoolean()).isFalse();
        assertThat(body.has("expires_at")).isTrue();
        assertThat(init.body()).doesNotContain(BootpayLoopbackServer.APPLICATION_ID)
                               .doesNotContain(BootpayLoopbackServer.PRIVATE_KEY);
    }

    @Test
    void onlyTheOwnerCanOpenThePayment() {
        place(booking, userId, FARE);

        ApiResponse stranger = as(UUID.randomUUID().toString())
                .post("/api/payments/init", json(Map.of("booking_number", booking)));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.contentType()).isEqualTo("application/problem+json");
        assertThat(stranger.json().get("code").asText()).isEqualTo("booking_not_found");

        assertThat(traveller.post("/api/payments/init", json(Map.of("booking_number", bookingNumber()))).status())
                .isEqualTo(404);
        assertThat(anonymous.post("/api/payments/init", json(Map.of("booking_number", booking))).status())
                .isEqualTo(401);
        ApiResponse invalid = traveller.post("/api/payments/init", json(Map.of("booking_number", "../../x")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asText()).isEqualTo("booking_number");
    }

    @Test
    void initRefusesExpiredClosedAndPaidBookings() {
        String lapsed = bookingNumber();
        PaymentTestSupport.place(events, jdbc, placed(lapsed, userId, FARE, Instant.now().minusSeconds(60)));
        assertThat(init(lapsed).json().get("code").asText()).isEqualTo("booking_expired");

        String expired = bookingNumber();
        PaymentTestSupport.place(events, jdbc, placed(expired, userId, FARE, Instant.now().plusSeconds(900)),
                                 new BookingExpiredEvent(expired, userId, "schedule-1", "12C"));
        await().until(() -> "EXPIRED".equals(orderStatus(expired)));
        ApiResponse closed = init(expired);
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("code").asText()).isEqualTo("booking_not_payable");

        place(booking, userId, FARE);
        String receiptId = BOOTPAY.createPayment(booking, FARE);
        assertThat(webhook(receiptId, booking, FARE, 1).status()).isEqualTo(200);
        ApiResponse paid = init(booking);
        assertThat(paid.status()).isEqualTo(409);
        assertThat(paid.json().get("code").asText()).isEqualTo("already_paid");
    }

    // ---------------------------------------------------------------- webhook

    @Test
    void aVerifiedPaymentIsRecordedAndItsRepeatsAreDuplicates() {
        place(booking, userId, FARE);
        String receiptId = BOOTPAY.createPayment(booking, FARE);

        ApiResponse first = webhook(receiptId, booking, FARE, 1);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("success").asBoolean()).isTrue();
        assertThat(commandSide.paymentsOf(booking))
                .containsExactly(new RecordPaymentCommand(booking, receiptId, FARE, "card"));
        Map<String, Object> row = webhookRows(jdbc, receiptId).get(0);
        assertThat(row).containsEntry("outcome", "recorded")
                       .containsEntry("channel", "webhook")
                       .containsEntry("order_id", booking)
                       .containsEntry("claimed_order_id", booking)
                       .containsEntry("claimed_status", 1)
                       .containsEntry("verified_status", 1)
                       .containsEntry("webhook_type", "PAYMENT_COMPLETED")
                       .containsEntry("remote_address", "127.0.0.1");
        assertThat((BigDecimal) row.get("verified_price")).isEqualByComparingTo(BigDecimal.valueOf(FARE));
        assertThat((BigDecimal) row.get("claimed_price")).isEqualByComparingTo(BigDecimal.valueOf(FARE));
        assertThat(row.get("received_at")).isNotNull();

        assertThat(webhook(receiptId, booking, FARE, 1).status()).isEqualTo(200);
        BOOTPAY.setStatus(receiptId, BootpayLoopbackServer.CANCELLED);
        assertThat(webhook(receiptId, booking, FARE, 20).status()).as("a late cancellation notice").isEqualTo(200);

        assertThat(webhookRows(jdbc, receiptId)).extracting(r -> r.get("outcome"))
                                                .containsExactly("recorded", "duplicate", "duplicate");
        assertThat(commandSide.paymentsOf(booking)).hasSize(1);
    }

    @Test
    void aReceiptTheBookingEventsAlreadyCarryIsADuplicate() {
        String receiptId = BOOTPAY.createPayment(booking, FARE);
        place(booking, userId, FARE, new PaymentRecordedEvent(booking, receiptId, FARE, "card"),
              new BookingConfirmedEvent(booking, userId));
        await().until(() -> "CONFIRMED".equals(orderStatus(booking)));

        assertThat(webhook(receiptId, booking, FARE, 1).status()).isEqualTo(200);

        assertThat(webhookRows(jdbc, receiptId)).extracting(r -> r.get("outcome")).containsExactly("duplicate");
        assertThat(commandSide.paymentsOf(booking)).isEmpty();
        assertThat(init(booking).json().get("code").asText()).isEqualTo("already_paid");
    }

    @Test
    void anUnknownOrderIsAnsweredAndJournaledButNotRecorded() {
        String stranger = bookingNumber();
        String receiptId = BOOTPAY.createPayment(stranger, 9_900);

        ApiResponse answer = webhook(receiptId, stranger, 9_900, 1);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        assertThat(webhookRows(jdbc, receiptId)).singleElement()
                                                .satisfies(row -> assertThat(row)
                                                        .containsEntry("outcome", "unknown_order")
                                                        .containsEntry("order_id", stranger));
        assertThat(commandSide.paymentsOf(stranger)).isEmpty();
    }

    @Test
    void theBodyIsNeverTrustedAWrongPriceIsJournaledWithoutACommand() {
        place(booking, userId, FARE);
        String receiptId = BOOTPAY.createPayment(booking, 1_000);

        ApiResponse answer = webhook(receiptId, booking, FARE, 1);

        assertThat(answer.status()).isEqualTo(200);
        Map<String, Object> row = webhookRows(jdbc, receiptId).get(0);
        assertThat(row).containsEntry("outcome", "price_mismatch");
        assertThat((BigDecimal) row.get("claimed_price")).isEqualByComparingTo(BigDecimal.valueOf(FARE));
        assertThat((BigDecimal) row.get("verified_price")).isEqualByComparingTo(BigDecimal.valueOf(1_000));
        assertThat(commandSide.paymentsOf(booking)).isEmpty();
    }

    @Test
    void aMadeUpReceiptIsJournaledAsUnknown() {
        place(booking, userId, FARE);
        String forged = "64f0c0ffee00000000000000";

        assertThat(webhook(forged, booking, FARE, 1).status()).isEqualTo(200);

        assertThat(webhookRows(jdbc, forged)).singleElement()
                                             .satisfies(row -> assertThat(row)
                                                     .containsEntry("outcome", "unknown_receipt")
                                                     .containsEntry("order_id", null)
                                                     .containsEntry("claimed_status", 1));
        assertThat(commandSide.paymentsOf(booking)).isEmpty();
    }

    @Test
    void anUnpaidReceiptIsNotRecordedUntilBootpaySaysItIsPaid() {
        place(booking, userId, FARE);
        String receiptId = BOOTPAY.createPayment(booking, FARE, BootpayLoopbackServer.WAITING);

        assertThat(webhook(receiptId, booking, FARE, 1).status()).as("the body claims paid").isEqualTo(200);
        BOOTPAY.setStatus(receiptId, BootpayLoopbackServer.AWAITING_CONFIRM);
        assertThat(webhook(receiptId, booking, FARE, 2).status()).isEqualTo(200);
        assertThat(commandSide.paymentsOf(booking)).isEmpty();
        assertThat(BOOTPAY.status(receiptId)).as("not separately confirmed here: never confirmed")
                                             .isEqualTo(BootpayLoopbackServer.AWAITING_CONFIRM);

        BOOTPAY.setStatus(receiptId, BootpayLoopbackServer.PAID);
        assertThat(webhook(receiptId, booking, FARE, 1).status()).isEqualTo(200);

        assertThat(webhookRows(jdbc, receiptId)).extracting(r -> r.get("outcome"))
                                                .containsExactly("not_paid", "not_paid", "recorded");
        assertThat(commandSide.paymentsOf(booking)).hasSize(1);
    }

    @Test
    void aFailedLookupAsksBootpayToRetry() {
        place(booking, userId, FARE);
        String receiptId = BOOTPAY.createPayment(booking, FARE);
        BOOTPAY.failLookups(true);
        ApiResponse failed;
        try {
            failed = webhook(receiptId, booking, FARE, 1);
        } finally {
            BOOTPAY.failLookups(false);
        }

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().get("code").asText()).isEqualTo("payment_lookup_failed");
        assertThat(commandSide.paymentsOf(booking)).isEmpty();

        assertThat(webhook(receiptId, booking, FARE, 1).status()).isEqualTo(200);
        assertThat(webhookRows(jdbc, receiptId)).extracting(r -> r.get("outcome"))
                                                .containsExactly("lookup_failed", "recorded");
        assertThat(commandSide.paymentsOf(booking)).hasSize(1);
    }

    @Test
    void aPaymentTheBookingRefusesIsJournaledNotAFailure() {
        place(booking, userId, FARE);
        commandSide.refusals.put(booking, Rejection.conflict("booking_not_payable", "The booking is expired."));
        String receiptId = BOOTPAY.createPayment(booking, FARE);

        ApiResponse answer = webhook(receiptId, booking, FARE, 1);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(webhookRows(jdbc, receiptId)).singleElement()
                                                .satisfies(row -> {
                                                    assertThat(row).containsEntry("outcome", "rejected");
                                                    assertThat((String) row.get("detail"))
                                                            .startsWith("booking_not_payable");
                                                });
    }

    @Test
    void aNotificationWithoutAReceiptIdIsRefusedAndJournaled() {
        String orderId = bookingNumber();
        ApiResponse answer = anonymous.post("/api/payments/webhook",
                                            json(Map.of("order_id", orderId, "price", 1000, "status", 1)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("invalid_webhook");
        assertThat(jdbc.sql("SELECT outcome FROM payment_webhook WHERE claimed_order_id = :id")
                       .param("id", orderId).query(String.class).list()).containsExactly("malformed");
        assertThat(anonymous.post("/api/payments/webhook", "not json at all").status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- attach

    @Test
    void attachRecordsTheOwnersVerifiedPaymentOnce() {
        place(booking, userId, FARE);
        String receiptId = BOOTPAY.createPayment(booking, FARE);

        ApiResponse attached = attach(traveller, booking, receiptId);

        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
        assertThat(attached.json().get("outcome").asText()).isEqualTo("recorded");
        assertThat(attached.json().get("booking_number").asText()).isEqualTo(booking);
        assertThat(attached.json().get("receipt_id").asText()).isEqualTo(receiptId);
        assertThat(attached.json().get("paid_amount").asLong()).isEqualTo(FARE);
        assertThat(commandSide.paymentsOf(booking))
                .containsExactly(new RecordPaymentCommand(booking, receiptId, FARE, "card"));

        ApiResponse again = attach(traveller, booking, receiptId);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("outcome").asText()).isEqualTo("duplicate");
        assertThat(webhook(receiptId, booking, FARE, 1).status()).as("Bootpay's own notice").isEqualTo(200);
        assertThat(webhookRows(jdbc, receiptId)).extracting(r -> r.get("channel") + ":" + r.get("outcome"))
                                                .containsExactly("attach:recorded", "attach:duplicate",
                                                                 "webhook:duplicate");
        assertThat(webhookRows(jdbc, receiptId).get(0)).as("the traveller's address is not kept")
                                                       .containsEntry("remote_address", null);
        assertThat(commandSide.paymentsOf(booking)).hasSize(1);

        String secondPayment = BOOTPAY.createPayment(booking, FARE);
        ApiResponse paidTwice = attach(traveller, booking, secondPayment);
        assertThat(paidTwice.status()).isEqualTo(409);
        assertThat(paidTwice.json().get("code").asText()).isEqualTo("already_paid");
        assertThat(commandSide.paymentsOf(booking)).hasSize(1);
    }

    @Test
    void attachChecksOwnerOrderPriceAndStatus() {
        place(booking, userId, FARE);
        String paid = BOOTPAY.createPayment(booking, FARE);

        assertThat(attach(as(UUID.randomUUID().toString()), booking, paid).status()).isEqualTo(404);
        assertThat(attach(anonymous, booking, paid).status()).isEqualTo(401);

        String otherBooking = bookingNumber();
        place(otherBooking, userId, FARE);
        ApiResponse mismatch = attach(traveller, otherBooking, paid);
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(mismatch.json().get("code").asText()).isEqualTo("order_mismatch");

        ApiResponse cheap = attach(traveller, booking, BOOTPAY.createPayment(booking, 1_000));
        assertThat(cheap.status()).isEqualTo(409);
        assertThat(cheap.json().get("code").asText()).isEqualTo("price_mismatch");

        ApiResponse waiting = attach(traveller, booking,
                                     BOOTPAY.createPayment(booking, FARE, BootpayLoopbackServer.FAILED));
        assertThat(waiting.status()).isEqualTo(409);
        assertThat(waiting.json().get("code").asText()).isEqualTo("not_paid");

        ApiResponse forged = attach(traveller, booking, "64f0c0ffee0000000000abcd");
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.json().get("code").asText()).isEqualTo("receipt_not_found");

        BOOTPAY.failLookups(true);
        ApiResponse unavailable;
        try {
            unavailable = attach(traveller, booking, paid);
        } finally {
            BOOTPAY.failLookups(false);
        }
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(commandSide.paymentsOf(booking)).isEmpty();
        assertThat(commandSide.paymentsOf(otherBooking)).isEmpty();

        commandSide.refusals.put(booking, Rejection.conflict("booking_not_payable", "The booking is expired."));
        ApiResponse refused = attach(traveller, booking, paid);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("booking_not_payable");
        commandSide.refusals.remove(booking);
        await().untilAsserted(() -> assertThat(BOOTPAY.refunds(paid)).as("a refused payment goes back").hasSize(1));

        assertThat(attach(traveller, booking, BOOTPAY.createPayment(booking, FARE)).json().get("outcome").asText())
                .isEqualTo("recorded");
    }

    // ---------------------------------------------------------------- the rest

    @Test
    void healthIsPublic() {
        ApiResponse health = anonymous.get("/api/payments/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void paymentOrdersFollowTheBookingAndRebuildFromEvents() {
        String receiptId = "64f0c0ffee0000000000" + booking.substring(8);
        place(booking, userId, FARE, new PaymentRecordedEvent(booking, receiptId, FARE, "card"),
              new BookingConfirmedEvent(booking, userId));
        await().until(() -> "CONFIRMED".equals(orderStatus(booking)));
        assertThat(jdbc.sql("SELECT receipt_id FROM payment_order WHERE booking_number = :id")
                       .param("id", booking).query(String.class).single()).isEqualTo(receiptId);
        List<String> before = allOrders();

        StreamingEventProcessor processor = processing.eventProcessor(PaymentOrders.PROCESSING_GROUP,
                                                                      StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(allOrders()).isEmpty();
        processor.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(allOrders()).isEqualTo(before));
        assertThat(processing.deadLetterQueue(PaymentOrders.PROCESSING_GROUP))
                .get().isInstanceOf(JdbcSequencedDeadLetterQueue.class);
    }

    // ---------------------------------------------------------------- helpers

    // ---------------------------------------------------------------- rate limits (security review M3)

    @Test
    void theWebhookIsLimitedPerClientAddressBeforeAnythingIsJournaled() {
        LoopbackClient client = new LoopbackClient("http://127.0.0.1:" + port, "127.0.0.61");
        for (int i = 0; i < WEBHOOKS_PER_ADDRESS; i++) {
            assertThat(client.post("/api/payments/webhook", "{}").status()).isEqualTo(400);
        }
        long journaled = jdbc.sql("SELECT count(*) FROM payment_webhook").query(Long.class).single();

        ApiResponse limited = client.post("/api/payments/webhook", json(Map.of("receipt_id", "r-limited")));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM payment_webhook").query(Long.class).single()).isEqualTo(journaled);
        assertThat(new LoopbackClient("http://127.0.0.1:" + port, "127.0.0.62").post("/api/payments/webhook", "{}")
                                                                              .status()).isEqualTo(400);
    }

    @Test
    void openingAndAttachingPaymentsIsLimitedPerUser() {
        for (int i = 0; i < 5; i++) {
            assertThat(traveller.post("/api/payments/init", json(Map.of("booking_number", bookingNumber())))
                                .status()).isEqualTo(404);
            assertThat(attach(traveller, bookingNumber(), "r-" + i).status()).isEqualTo(404);
        }
        ApiResponse limited = traveller.post("/api/payments/init", json(Map.of("booking_number", booking)));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(as(UUID.randomUUID().toString()).post("/api/payments/init",
                                                          json(Map.of("booking_number", bookingNumber()))).status())
                .as("other users").isEqualTo(404);
    }

    private List<String> allOrders() {
        return jdbc.sql("""
                        SELECT concat_ws('|', booking_number, user_id, amount, status, order_name, expires_at,
                                         receipt_id, paid_amount, payment_method, placed_at)
                        FROM payment_order ORDER BY booking_number
                        """).query(String.class).list();
    }
}
