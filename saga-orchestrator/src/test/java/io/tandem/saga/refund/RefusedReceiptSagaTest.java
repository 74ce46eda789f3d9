package io.tandem.saga.refund;

import io.tandem.api.payment.RefusedReceiptCommands.RecordReceiptRefundCommand;
import io.tandem.api.payment.RefusedReceiptCommands.RecordReceiptRefundFailureCommand;
import io.tandem.api.payment.RefusedReceiptEvents.ReceiptRefusedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundedEvent;
import io.tandem.saga.payment.LoopbackBootpayClients;
import io.tandem.testsupport.bootpay.BootpayLoopbackServer;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The refund of a refused receipt against a loopback Bootpay: once, and again and again until it goes through. */
class RefusedReceiptSagaTest {

    private BootpayLoopbackServer bootpay;
    private SagaTestFixture<RefusedReceiptSaga> fixture;
    private String receiptId;
    private ReceiptRefusedEvent refused;

    @BeforeEach
    void setUp() {
        bootpay = BootpayLoopbackServer.start();
        receiptId = bootpay.createPayment("TD23456789AB", 1_000);
        refused = new ReceiptRefusedEvent(receiptId, "TD23456789AB", 1_000, "refused-" + receiptId,
                                          "price_mismatch");
        fixture = new SagaTestFixture<>(RefusedReceiptSaga.class);
        fixture.registerResource(LoopbackBootpayClients.refunds(bootpay));
        fixture.registerResource(new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(4), 2));
    }

    @AfterEach
    void tearDown() {
        bootpay.close();
    }

    @Test
    void aRefusedReceiptIsCancelledInFullOnce() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(refused)
               .expectDispatchedCommands(new RecordReceiptRefundCommand(receiptId, 1_000))
               .expectNoScheduledDeadlines();
        assertThat(bootpay.cancelRequests(receiptId)).isEqualTo(1);
        assertThat(bootpay.refunds(receiptId)).singleElement()
                                              .satisfies(refund -> assertThat(refund.cancelId())
                                                      .isEqualTo("refused-" + receiptId));
        fixture.whenPublishingA(new RefusedReceiptRefundedEvent(receiptId, 1_000)).expectActiveSagas(0);
    }

    @Test
    void failuresAreRetriedWithGrowingDelaysBeyondTheBookingRefundLimit() {
        bootpay.failNextCancels(3);
        fixture.givenNoPriorActivity()
               .whenPublishingA(refused)
               .expectDispatchedCommands(new RecordReceiptRefundFailureCommand(receiptId, 1,
                                                                               "HTTP 500 PG_CANCEL_FAILED: "
                                                                               + "PG사 취소 요청이 실패했습니다."))
               .expectScheduledDeadlineWithName(Duration.ofMinutes(1), RefusedReceiptSaga.REFUND_RETRY);
        fixture.whenTimeElapses(Duration.ofMinutes(1))
               .expectScheduledDeadlineWithName(Duration.ofMinutes(2), RefusedReceiptSaga.REFUND_RETRY);
        fixture.whenTimeElapses(Duration.ofMinutes(2))
               .expectScheduledDeadlineWithName(Duration.ofMinutes(4), RefusedReceiptSaga.REFUND_RETRY);
        fixture.whenTimeElapses(Duration.ofMinutes(4))
               .expectDispatchedCommands(new RecordReceiptRefundCommand(receiptId, 1_000))
               .expectNoScheduledDeadlines();
        assertThat(bootpay.cancelRequests(receiptId)).isEqualTo(4);
        assertThat(bootpay.refunds(receiptId)).hasSize(1);
    }

    @Test
    void aRefundThatWentThroughBeforeACrashIsNotRepeated() {
        fixture.givenNoPriorActivity().whenPublishingA(refused);
        SagaTestFixture<RefusedReceiptSaga> afterRestart = new SagaTestFixture<>(RefusedReceiptSaga.class);
        afterRestart.registerResource(LoopbackBootpayClients.refunds(bootpay));
        afterRestart.registerResource(new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(4), 2));

        afterRestart.givenNoPriorActivity()
                    .whenPublishingA(refused)
                    .expectDispatchedCommands(new RecordReceiptRefundCommand(receiptId, 1_000));
        assertThat(bootpay.refunds(receiptId)).hasSize(1);
    }
}
