package io.tandem.saga.refund;

import io.tandem.api.payment.RefusedReceiptCommands.RecordReceiptRefundCommand;
import io.tandem.api.payment.RefusedReceiptCommands.RecordReceiptRefundFailureCommand;
import io.tandem.api.payment.RefusedReceiptCommands.RefuseReceiptCommand;
import io.tandem.api.payment.RefusedReceiptEvents.ReceiptRefusedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundFailedEvent;
import io.tandem.api.payment.RefusedReceiptEvents.RefusedReceiptRefundedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A paid receipt that buys nothing is refused once and refunded once, however often it is refused again. */
class RefusedReceiptTest {

    private static final String RECEIPT = "64f0c0ffee0000000000cafe";
    private static final ReceiptRefusedEvent REFUSED = new ReceiptRefusedEvent(RECEIPT, "TD23456789AB", 1_000,
                                                                                "refused-" + RECEIPT,
                                                                                "price_mismatch");

    private AggregateTestFixture<RefusedReceipt> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RefusedReceipt.class);
    }

    @Test
    void theFirstRefusalOpensTheRefundUnderTheReceiptsCancelId() {
        fixture.givenNoPriorActivity()
               .when(new RefuseReceiptCommand(RECEIPT, "TD23456789AB", 1_000, "price_mismatch"))
               .expectEvents(REFUSED);
    }

    @Test
    void refusingAgainChangesNothingWhateverTheReason() {
        fixture.given(REFUSED)
               .when(new RefuseReceiptCommand(RECEIPT, "TD23456789AB", 1_000, "already_paid"))
               .expectNoEvents();
    }

    @Test
    void failuresAreRecordedUntilTheRefundAndNothingAfterIt() {
        fixture.given(REFUSED)
               .when(new RecordReceiptRefundFailureCommand(RECEIPT, 1, "HTTP 500"))
               .expectEvents(new RefusedReceiptRefundFailedEvent(RECEIPT, 1, "HTTP 500"));
        fixture.given(REFUSED, new RefusedReceiptRefundFailedEvent(RECEIPT, 1, "HTTP 500"))
               .when(new RecordReceiptRefundCommand(RECEIPT, 1_000))
               .expectEvents(new RefusedReceiptRefundedEvent(RECEIPT, 1_000));
        fixture.given(REFUSED, new RefusedReceiptRefundedEvent(RECEIPT, 1_000))
               .when(new RecordReceiptRefundCommand(RECEIPT, 1_000))
               .expectNoEvents();
        fixture.given(REFUSED, new RefusedReceiptRefundedEvent(RECEIPT, 1_000))
               .when(new RecordReceiptRefundFailureCommand(RECEIPT, 2, "late"))
               .expectNoEvents();
    }
}
