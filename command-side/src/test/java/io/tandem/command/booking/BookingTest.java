package io.tandem.command.booking;

import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingCommands.CancelBookingCommand;
import io.tandem.api.booking.BookingCommands.CompleteCancellationCommand;
import io.tandem.api.booking.BookingCommands.ConfirmBookingCommand;
import io.tandem.api.booking.BookingCommands.ExpireBookingCommand;
import io.tandem.api.booking.BookingCommands.RecordPaymentCommand;
import io.tandem.api.booking.BookingCommands.RecordRefundCommand;
import io.tandem.api.booking.BookingCommands.RecordRefundFailureCommand;
import io.tandem.api.booking.BookingCommands.RejectPaymentCommand;
import io.tandem.api.booking.BookingEvents.BookingCancellationRequestedEvent;
import io.tandem.api.booking.BookingEvents.BookingCancelledEvent;
import io.tandem.api.booking.BookingEvents.BookingConfirmedEvent;
import io.tandem.api.booking.BookingEvents.BookingExpiredEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.BookingRefundedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;
import io.tandem.api.booking.BookingStatus;
import io.tandem.api.booking.Passenger;
import io.tandem.api.flight.Cabin;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

class BookingTest {

    private static final String BOOKING = "TD23456789AB";
    private static final BookingPlacedEvent PLACED = new BookingPlacedEvent(
            BOOKING, "user-1", "schedule-1", "flight-1", "KE703", "ICN", "NRT",
            Instant.now().plus(30, ChronoUnit.DAYS), "12C", Cabin.ECONOMY,
            List.of(new Passenger("Kim Minji", LocalDate.of(1995, 3, 1), "01012345678")), 250_000,
            Instant.now().plus(15, ChronoUnit.MINUTES));
    private static final PaymentRecordedEvent PAID = new PaymentRecordedEvent(BOOKING, "r-1", 250_000, "card");
    private static final BookingConfirmedEvent CONFIRMED = new BookingConfirmedEvent(BOOKING, "user-1");
    private static final BookingCancellationRequestedEvent CANCELLING = new BookingCancellationRequestedEvent(
            BOOKING, "user-1", "r-1", 250_000, BOOKING + "-refund", false, "changed plans");

    private AggregateTestFixture<Booking> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Booking.class);
    }

    @Test
    void aMatchingPaymentIsRecordedOnceEvenWhenNotifiedTwice() {
        fixture.given(PLACED)
               .when(new RecordPaymentCommand(BOOKING, "r-1", 250_000, "card"))
               .expectEvents(PAID);
        fixture.given(PLACED, PAID)
               .when(new RecordPaymentCommand(BOOKING, "r-1", 250_000, "card"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aSecondPaymentAWrongAmountOrALatePaymentIsRefused() {
        fixture.given(PLACED, PAID)
               .when(new RecordPaymentCommand(BOOKING, "r-2", 250_000, "card"))
               .expectException(RejectedException.class)
               .expectExceptionMessage("The booking is already paid.");
        fixture.given(PLACED)
               .when(new RecordPaymentCommand(BOOKING, "r-1", 1_000, "card"))
               .expectNoEvents()
               .expectException(RejectedException.class);
        fixture.given(PLACED, new BookingExpiredEvent(BOOKING, "user-1", "schedule-1", "12C"))
               .when(new RecordPaymentCommand(BOOKING, "r-1", 250_000, "card"))
               .expectNoEvents()
               .expectException(RejectedException.class);
    }

    @Test
    void aFailedPaymentCancelsAnUnpaidBooking() {
        fixture.given(PLACED)
               .when(new RejectPaymentCommand(BOOKING, "r-9", "payment failed"))
               .expectEvents(new BookingCancelledEvent(BOOKING, "user-1", "schedule-1", "12C", false,
                                                       "payment failed"));
    }

    @Test
    void onlyAPaidBookingIsConfirmedAndOnlyAnUnpaidOneExpires() {
        fixture.given(PLACED)
               .when(new ConfirmBookingCommand(BOOKING))
               .expectNoEvents();
        fixture.given(PLACED, PAID)
               .when(new ConfirmBookingCommand(BOOKING))
               .expectEvents(CONFIRMED);
        fixture.given(PLACED, PAID)
               .when(new ExpireBookingCommand(BOOKING))
               .expectNoEvents();
        fixture.given(PLACED)
               .when(new ExpireBookingCommand(BOOKING))
               .expectEvents(new BookingExpiredEvent(BOOKING, "user-1", "schedule-1", "12C"));
    }

    @Test
    void anUnpaidBookingIsCancelledAtOnceAPaidOneAsksForARefund() {
        fixture.given(PLACED)
               .when(new CancelBookingCommand(BOOKING, "user-1", false, "changed plans"))
               .expectEvents(new BookingCancelledEvent(BOOKING, "user-1", "schedule-1", "12C", false,
                                                       "changed plans"))
               .expectResultMessagePayload(BookingStatus.CANCELLED);
        fixture.given(PLACED, PAID, CONFIRMED)
               .when(new CancelBookingCommand(BOOKING, "user-1", false, "changed plans"))
               .expectEvents(CANCELLING)
               .expectResultMessagePayload(BookingStatus.CANCELLATION_REQUESTED);
    }

    @Test
    void someoneElseCannotCancelButAnAdminCan() {
        fixture.given(PLACED, PAID, CONFIRMED)
               .when(new CancelBookingCommand(BOOKING, "intruder", false, "x"))
               .expectNoEvents()
               .expectException(RejectedException.class);
        fixture.given(PLACED, PAID, CONFIRMED)
               .when(new CancelBookingCommand(BOOKING, "admin-7", true, "overbooked"))
               .expectEvents(new BookingCancellationRequestedEvent(BOOKING, "user-1", "r-1", 250_000,
                                                                   BOOKING + "-refund", true, "overbooked"));
    }

    @Test
    void cancellingTwiceOrAClosedBookingIsAConflict() {
        fixture.given(PLACED, PAID, CONFIRMED, CANCELLING)
               .when(new CancelBookingCommand(BOOKING, "user-1", false, "again"))
               .expectException(RejectedException.class);
        fixture.given(PLACED, new BookingExpiredEvent(BOOKING, "user-1", "schedule-1", "12C"))
               .when(new CancelBookingCommand(BOOKING, "user-1", false, "late"))
               .expectException(RejectedException.class);
    }

    @Test
    void aRefundIsRecordedOnceAfterFailuresAndThenTheCancellationCompletes() {
        fixture.given(PLACED, PAID, CONFIRMED, CANCELLING)
               .when(new RecordRefundFailureCommand(BOOKING, 1, "provider down"))
               .expectEvents(new RefundFailedEvent(BOOKING, 1, "provider down"));
        BookingRefundedEvent refunded = new BookingRefundedEvent(BOOKING, BOOKING + "-refund", 250_000);
        fixture.given(PLACED, PAID, CONFIRMED, CANCELLING, new RefundFailedEvent(BOOKING, 1, "provider down"))
               .when(new RecordRefundCommand(BOOKING, BOOKING + "-refund", 250_000))
               .expectEvents(refunded);
        fixture.given(PLACED, PAID, CONFIRMED, CANCELLING, refunded)
               .when(new RecordRefundCommand(BOOKING, BOOKING + "-refund", 250_000))
               .expectNoEvents();
        fixture.given(PLACED, PAID, CONFIRMED, CANCELLING, refunded)
               .when(new CompleteCancellationCommand(BOOKING))
               .expectEvents(new BookingCancelledEvent(BOOKING, "user-1", "schedule-1", "12C", true, "refunded"));
        fixture.given(PLACED, PAID, CONFIRMED, CANCELLING)
               .when(new CompleteCancellationCommand(BOOKING))
               .expectNoEvents();
    }
}
