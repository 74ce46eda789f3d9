package io.tandem.saga.payment;

import io.tandem.api.Rejection;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingNumber;
import io.tandem.api.payment.RefusedReceiptCommands.RefuseReceiptCommand;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.tandem.saga.payment.PaymentTestSupport.webhookRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money is never kept: a paid receipt that buys no booking is cancelled at Bootpay exactly once, however often
 * Bootpay notifies us (it tries up to ten times), and a notification never fails anybody's booking.
 */
class RefusedReceiptApiTest extends PaymentEdgeTest {

    private static final int DELIVERIES = 10;

    @Autowired
    CommandGateway commands;

    @Test
    void aWrongPriceIsRefundedOnceAndLeavesTheBookingPayable() {
        place(booking, userId, FARE);
        String cheap = BOOTPAY.createPayment(booking, 1_000);

        deliverTenTimes(cheap, booking);

        assertRefundedOnce(cheap, 1_000);
        assertOutcomes(cheap, "price_mismatch");
        assertThat(commandSide.failuresOf(booking)).as("M2: a notification never fails the booking").isEmpty();
        assertThat(init(booking).status()).as("the booking still takes its payment").isEqualTo(200);
    }

    @Test
    void aPaymentAfterTheBookingExpiredIsRefundedOnce() {
        place(booking, userId, FARE, new BookingExpiredEvent(booking, userId, "schedule-1", "12C"));
        await().until(() -> "EXPIRED".equals(orderStatus(booking)));
        commandSide.refusals.put(booking, Rejection.conflict("booking_not_payable", "The booking is expired."));
        String late = BOOTPAY.createPayment(booking, FARE);

        deliverTenTimes(late, booking);

        assertRefundedOnce(late, FARE);
        assertOutcomes(late, "rejected");
        assertThat(commandSide.paymentsOf(booking)).isEmpty();
    }

    @Test
    void aPaymentAfterTheBookingWasCancelledIsRefundedOnce() {
        place(booking, userId, FARE,
              new BookingCancelledEvent(booking, userId, "schedule-1", "12C", false, "cancelled by the traveller"));
        await().until(() -> "CANCELLED".equals(orderStatus(booking)));
        commandSide.refusals.put(booking, Rejection.conflict("booking_not_payable", "The booking is cancelled."));
        String late = BOOTPAY.createPayment(booking, FARE);

        deliverTenTimes(late, booking);

        assertRefundedOnce(late, FARE);
    }

    @Test
    void aSecondPaymentForAPaidBookingIsRefundedOnceAndTheFirstIsKept() {
        place(booking, userId, FARE);
        String first = BOOTPAY.createPayment(booking, FARE);
        assertThat(webhook(first, booking, FARE, 1).status()).isEqualTo(200);
        String second = BOOTPAY.createPayment(booking, FARE);

        ApiResponse attached = attach(traveller, booking, second);
        deliverTenTimes(second, booking);

        assertThat(attached.status()).isEqualTo(409);
        assertThat(attached.json().get("code").asText()).isEqualTo("already_paid");
        assertRefundedOnce(second, FARE);
        assertThat(BOOTPAY.cancelRequests(first)).isZero();
        assertThat(commandSide.paymentsOf(booking)).extracting(payment -> payment.receiptId()).containsExactly(first);
    }

    @Test
    void aPaymentForAnUnknownOrderIsRefundedOnceEvenWhenItsNoticesArriveTogether() throws Exception {
        String nobodys = BookingNumber.next();
        String stray = BOOTPAY.createPayment(nobodys, 9_900);
        String foreign = BOOTPAY.createPayment("ORDER-7", 5_000);

        ExecutorService senders = Executors.newFixedThreadPool(DELIVERIES);
        try {
            List<Callable<Integer>> notices = IntStream.range(0, DELIVERIES)
                                                       .mapToObj(i -> (Callable<Integer>) () -> webhook(
                                                               i % 2 == 0 ? stray : foreign, null, 0, 1).status())
                                                       .toList();
            for (Future<Integer> answer : senders.invokeAll(notices)) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            senders.shutdown();
        }

        assertRefundedOnce(stray, 9_900);
        assertRefundedOnce(foreign, 5_000);
        assertThat(webhookRows(jdbc, stray)).extracting(row -> row.get("outcome"))
                                            .contains("unknown_order").isSubsetOf("unknown_order", "not_paid");
        assertThat(commandSide.paymentsOf(nobodys)).isEmpty();
    }

    @Test
    void onlyTheOwnersAttachFailsTheBookingAndAWrongPaymentStillGoesBack() {
        place(booking, userId, FARE);
        String failed = BOOTPAY.createPayment(booking, FARE, BootpayLoopbackServer.FAILED);
        String cheap = BOOTPAY.createPayment(booking, 1_000);

        assertThat(webhook(failed, booking, FARE, -1).status()).isEqualTo(200);
        assertThat(webhook(cheap, booking, FARE, 1).status()).isEqualTo(200);
        assertThat(commandSide.failuresOf(booking)).as("M2: notifications are not the owner").isEmpty();
        assertRefundedOnce(cheap, 1_000);
        assertThat(BOOTPAY.cancelRequests(failed)).as("a failed payment took no money").isZero();

        String attachedCheap = BOOTPAY.createPayment(booking, 2_000);
        assertThat(attach(traveller, booking, attachedCheap).json().get("code").asText()).isEqualTo("price_mismatch");
        assertThat(attach(traveller, booking, failed).json().get("code").asText()).isEqualTo("not_paid");
        assertThat(commandSide.failuresOf(booking)).extracting(failure -> failure.receiptId())
                                                   .containsExactly(attachedCheap, failed);
        assertRefundedOnce(attachedCheap, 2_000);
    }

    @Test
    void aRefundBootpayFailsIsRetriedUntilTheMoneyIsBack() {
        place(booking, userId, FARE);
        String cheap = BOOTPAY.createPayment(booking, 1_000);
        BOOTPAY.failNextCancels(2);

        assertThat(webhook(cheap, booking, FARE, 1).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(BOOTPAY.refunds(cheap)).hasSize(1));
        assertThat(BOOTPAY.cancelRequests(cheap)).as("two failures, then the refund").isEqualTo(3);
        assertThat(BOOTPAY.status(cheap)).isEqualTo(BootpayLoopbackServer.CANCELLED);
    }

    @Test
    void refusalsOfOneReceiptOnSeveralThreadsAtOnceAllSucceedAndRefuseItOnce() throws Exception {
        String receiptId = BOOTPAY.createPayment(BookingNumber.next(), 3_000);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(DELIVERIES);
        try {
            List<Future<Object>> sent = IntStream.range(0, DELIVERIES).mapToObj(i -> senders.submit(() -> {
                start.await();
                return commands.sendAndWait(new RefuseReceiptCommand(receiptId, null, 3_000, "unknown_order"));
            })).toList();
            start.countDown();
            for (Future<Object> each : sent) {
                each.get();
            }
        } finally {
            senders.shutdown();
        }

        assertRefundedOnce(receiptId, 3_000);
    }

    private void deliverTenTimes(String receiptId, String orderId) {
        for (int i = 0; i < DELIVERIES; i++) {
            ApiResponse answer = webhook(receiptId, orderId, FARE, 1);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        }
    }

    /** The first notice was refused for {@code reason}; the later ones, once the refund went through, find it unpaid. */
    private void assertOutcomes(String receiptId, String reason) {
        assertThat(webhookRows(jdbc, receiptId)).extracting(row -> row.get("outcome"))
                                                .hasSize(DELIVERIES).startsWith(reason).isSubsetOf(reason, "not_paid");
    }

    /**
     * The receipt was refused once (one event in its stream, so one saga refunds it), its money is back, and Bootpay
     * was asked to cancel it exactly once. Every notification was answered before, and each answer waits for its
     * refusal, so no later refusal can still come.
     */
    private void assertRefundedOnce(String receiptId, long price) {
        assertThat(jdbc.sql("""
                            SELECT count(*) FROM domainevententry
                            WHERE aggregateidentifier = :receiptId AND payloadtype LIKE '%ReceiptRefusedEvent'
                            """)
                       .param("receiptId", receiptId).query(Long.class).single()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(BOOTPAY.refunds(receiptId)).hasSize(1));
        assertThat(BOOTPAY.refunds(receiptId)).singleElement().satisfies(refund -> {
            assertThat(refund.price()).isEqualTo(price);
            assertThat(refund.cancelId()).isEqualTo("refused-" + receiptId);
        });
        assertThat(BOOTPAY.cancelRequests(receiptId)).isEqualTo(1);
        assertThat(BOOTPAY.status(receiptId)).isEqualTo(BootpayLoopbackServer.CANCELLED);
    }
}
