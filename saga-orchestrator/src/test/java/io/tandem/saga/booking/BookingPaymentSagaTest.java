package io.tandem.saga.booking;

import io.tandem.api.booking.BookingCommands.ConfirmBookingCommand;
import io.tandem.api.booking.BookingCommands.ExpireBookingCommand;
import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.Passenger;
import io.tandem.api.booking.SeatCommands.ConfirmSeatCommand;
import io.tandem.api.booking.SeatCommands.ReleaseSeatCommand;
import io.tandem.api.flight.Cabin;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

class BookingPaymentSagaTest {

    private static final String BOOKING = "TD23456789AB";

    private SagaTestFixture<BookingPaymentSaga> fixture;
    private BookingPlacedEvent placed;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(BookingPaymentSaga.class);
        Instant now = fixture.currentTime();
        placed = new BookingPlacedEvent(BOOKING, "user-1", "schedule-1", "flight-1", "KE703", "ICN", "NRT",
                                        now.plus(Duration.ofDays(30)), "12C", Cabin.ECONOMY,
                                        List.of(new Passenger("Kim Minji", LocalDate.of(1995, 3, 1), "01012345678")),
                                        250_000, now.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aPlacedBookingWaitsForPaymentWithADeadline() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(placed)
               .expectActiveSagas(1)
               .expectScheduledDeadlineWithName(placed.expiresAt(), BookingPaymentSaga.PAYMENT_DEADLINE)
               .expectNoDispatchedCommands();
    }

    @Test
    void aPaymentConfirmsSeatAndBookingAndCancelsTheDeadline() {
        fixture.givenAPublished(placed)
               .whenPublishingA(new PaymentRecordedEvent(BOOKING, "receipt-1", 250_000, "card"))
               .expectDispatchedCommands(new ConfirmSeatCommand("schedule-1", "12C", BOOKING),
                                         new ConfirmBookingCommand(BOOKING))
               .expectNoScheduledDeadlines();
    }

    @Test
    void theConfirmationEndsTheSaga() {
        fixture.givenAPublished(placed)
               .andThenAPublished(new PaymentRecordedEvent(BOOKING, "receipt-1", 250_000, "card"))
               .whenPublishingA(new BookingConfirmedEvent(BOOKING, "user-1"))
               .expectActiveSagas(0);
    }

    @Test
    void anUnpaidBookingExpiresWhenTheDeadlinePasses() {
        fixture.givenAPublished(placed)
               .whenTimeElapses(Duration.ofMinutes(15))
               .expectTriggeredDeadlinesWithName(BookingPaymentSaga.PAYMENT_DEADLINE)
               .expectDispatchedCommands(new ExpireBookingCommand(BOOKING));
    }

    @Test
    void nothingHappensBeforeTheDeadline() {
        fixture.givenAPublished(placed)
               .whenTimeElapses(Duration.ofMinutes(14))
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    @Test
    void anExpiredBookingFreesItsSeatAndEnds() {
        fixture.givenAPublished(placed)
               .whenPublishingA(new BookingExpiredEvent(BOOKING, "user-1", "schedule-1", "12C"))
               .expectDispatchedCommands(new ReleaseSeatCommand("schedule-1", "12C", BOOKING))
               .expectActiveSagas(0);
    }

    @Test
    void aFailedPaymentOrAnUnpaidCancellationFreesTheSeatAndDropsTheDeadline() {
        fixture.givenAPublished(placed)
               .whenPublishingA(new BookingCancelledEvent(BOOKING, "user-1", "schedule-1", "12C", false,
                                                          "payment failed"))
               .expectDispatchedCommands(new ReleaseSeatCommand("schedule-1", "12C", BOOKING))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void aPaidBookingCancelledBeforeConfirmationIsHandedToTheRefundSaga() {
        fixture.givenAPublished(placed)
               .andThenAPublished(new PaymentRecordedEvent(BOOKING, "receipt-1", 250_000, "card"))
               .whenPublishingA(new BookingCancellationRequestedEvent(BOOKING, "user-1", "receipt-1", 250_000,
                                                                      BOOKING + "-refund", false, "changed plans"))
               .expectNoDispatchedCommands()
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }
}
