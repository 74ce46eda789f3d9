package io.tandem.saga.booking;

import io.tandem.api.booking.BookingCommands.CompleteCancellationCommand;
import io.tandem.api.booking.BookingCommands.RecordRefundCommand;
import io.tandem.api.booking.BookingCommands.RecordRefundFailureCommand;
import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.SeatCommands.ReleaseSeatCommand;
import io.tandem.saga.payment.LoopbackBootpayClients;
import io.tandem.saga.refund.RefundRetryPolicy;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.instanceOf;

/** The refund path against a loopback Bootpay that speaks the documented cancel API. */
class BookingRefundSagaTest {

    private static final String BOOKING = "TD23456789AB";
    private static final String CANCEL_ID = BOOKING + "-refund";

    private BootpayLoopbackServer bootpay;
    private SagaTestFixture<BookingRefundSaga> fixture;
    private String receiptId;
    private BookingCancellationRequestedEvent requested;

    @BeforeEach
    void setUp() throws IOException {
        bootpay = new BootpayLoopbackServer();
        receiptId = bootpay.createPayment(BOOKING, 250_000, BootpayLoopbackServer.PAID);
        requested = new BookingCancellationRequestedEvent(BOOKING, "user-1", receiptId, 250_000, CANCEL_ID, false,
                                                          "changed plans");
        fixture = new SagaTestFixture<>(BookingRefundSaga.class);
        fixture.registerResource(LoopbackBootpayClients.refunds(bootpay));
        fixture.registerResource(new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30), 5));
    }

    @AfterEach
    void tearDown() {
        bootpay.close();
    }

    @Test
    void aCancellationRequestRefundsThroughBootpayOnce() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(requested)
               .expectDispatchedCommands(new RecordRefundCommand(BOOKING, CANCEL_ID, 250_000))
               .expectNoScheduledDeadlines();
        assertThat(bootpay.refunds(receiptId)).hasSize(1);
        assertThat(bootpay.status(receiptId)).isEqualTo(BootpayLoopbackServer.CANCELLED);
    }

    @Test
    void aFailedRefundIsRecordedAndRetriedLaterWithoutRefundingTwice() {
        bootpay.failNextCancels(1);
        fixture.givenNoPriorActivity()
               .whenPublishingA(requested)
               .expectDispatchedCommandsMatching(exactSequenceOf(
                       messageWithPayload(instanceOf(RecordRefundFailureCommand.class)), andNoMore()))
               .expectScheduledDeadlineWithName(Duration.ofMinutes(1), BookingRefundSaga.REFUND_RETRY);
        assertThat(bootpay.refunds(receiptId)).isEmpty();

        fixture.whenTimeElapses(Duration.ofMinutes(1))
               .expectTriggeredDeadlinesWithName(BookingRefundSaga.REFUND_RETRY)
               .expectDispatchedCommands(new RecordRefundCommand(BOOKING, CANCEL_ID, 250_000));
        assertThat(bootpay.refunds(receiptId)).hasSize(1);
    }

    @Test
    void aRefundThatWentThroughBeforeIsNotRepeated() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(requested)
               .expectDispatchedCommands(new RecordRefundCommand(BOOKING, CANCEL_ID, 250_000));
        SagaTestFixture<BookingRefundSaga> retried = new SagaTestFixture<>(BookingRefundSaga.class);
        retried.registerResource(LoopbackBootpayClients.refunds(bootpay));
        retried.registerResource(new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30), 5));
        retried.givenNoPriorActivity()
               .whenPublishingA(requested)
               .expectDispatchedCommands(new RecordRefundCommand(BOOKING, CANCEL_ID, 250_000));
        assertThat(bootpay.refunds(receiptId)).hasSize(1);
    }

    @Test
    void theRefundCompletesTheCancellationWhichFreesTheSeat() {
        fixture.givenAPublished(requested)
               .whenPublishingA(new BookingRefundedEvent(BOOKING, CANCEL_ID, 250_000))
               .expectDispatchedCommands(new CompleteCancellationCommand(BOOKING));
        fixture.givenAPublished(requested)
               .andThenAPublished(new BookingRefundedEvent(BOOKING, CANCEL_ID, 250_000))
               .whenPublishingA(new BookingCancelledEvent(BOOKING, "user-1", "schedule-1", "12C", true, "refunded"))
               .expectDispatchedCommands(new ReleaseSeatCommand("schedule-1", "12C", BOOKING))
               .expectActiveSagas(0);
    }

    @Test
    void retriesGrowAndStop() {
        RefundRetryPolicy policy = new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30), 5);
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(policy.delayAfter(10)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.mayRetryAfter(4)).isTrue();
        assertThat(policy.mayRetryAfter(5)).isFalse();
    }
}
