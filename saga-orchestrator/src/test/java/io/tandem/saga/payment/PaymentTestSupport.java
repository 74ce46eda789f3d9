package io.tandem.saga.payment;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingCommands.ConfirmBookingCommand;
import io.tandem.api.booking.BookingCommands.ExpireBookingCommand;
import io.tandem.api.booking.BookingCommands.RecordPaymentCommand;
import io.tandem.api.booking.BookingCommands.RejectPaymentCommand;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingNumber;
import io.tandem.api.booking.Passenger;
import io.tandem.api.booking.SeatCommands.ConfirmSeatCommand;
import io.tandem.api.booking.SeatCommands.ReleaseSeatCommand;
import io.tandem.api.flight.Cabin;
import io.tandem.platform.security.JwtProperties;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** What the payment API tests share: booking events in the event store, tokens, and a stand-in command side. */
final class PaymentTestSupport {

    static final String CLIENT_APPLICATION_ID = "loopback-js-application-id";

    private PaymentTestSupport() {
    }

    static String bookingNumber() {
        return BookingNumber.next();
    }

    static BookingPlacedEvent placed(String bookingNumber, String userId, long amount, Instant expiresAt) {
        return new BookingPlacedEvent(bookingNumber, userId, "schedule-1", "flight-1", "KE703", "ICN", "NRT",
                                      Instant.now().plus(Duration.ofDays(30)), "12C", Cabin.ECONOMY,
                                      List.of(new Passenger("Kim Minji", LocalDate.of(1995, 3, 1), "01012345678")),
                                      amount, expiresAt);
    }

    /** Publishes the booking's events from sequence 0 and waits until the payment edge knows the booking. */
    static void place(EventStore events, JdbcClient jdbc, BookingPlacedEvent placed, Object... later) {
        publishFrom(events, placed.bookingNumber(), 0, placed);
        publishFrom(events, placed.bookingNumber(), 1, later);
        await().until(() -> jdbc.sql("SELECT count(*) FROM payment_order WHERE booking_number = :id")
                                .param("id", placed.bookingNumber()).query(Long.class).single() == 1);
    }

    static void publishFrom(EventStore events, String bookingNumber, long firstSequence, Object... payloads) {
        for (int i = 0; i < payloads.length; i++) {
            events.publish(new GenericDomainEventMessage<>("Booking", bookingNumber, firstSequence + i, payloads[i]));
        }
    }

    static String token(JwtEncoder encoder, JwtProperties properties, String userId) {
        Instant now = Instant.now();
        return encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer(properties.issuer()).subject(userId).issuedAt(now)
                            .expiresAt(now.plusSeconds(600)).claim("roles", List.of("USER")).build()))
                      .getTokenValue();
    }

    static List<Map<String, Object>> webhookRows(JdbcClient jdbc, String receiptId) {
        return jdbc.sql("SELECT * FROM payment_webhook WHERE receipt_id = :id ORDER BY id")
                   .param("id", receiptId).query().listOfRows();
    }

    /**
     * The Booking aggregate lives on the command side, which is not in this JVM: this stand-in takes the commands
     * the payment edge and the booking saga send, keeps the payments and the failed bookings, knows the bookings
     * this side has seen placed, and refuses the bookings it is told to.
     */
    static class CommandSideStandIn {

        final List<RecordPaymentCommand> payments = new CopyOnWriteArrayList<>();
        final List<RejectPaymentCommand> failedBookings = new CopyOnWriteArrayList<>();
        final Map<String, Rejection> refusals = new ConcurrentHashMap<>();
        private final JdbcClient jdbc;

        CommandSideStandIn(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @CommandHandler
        void handle(RecordPaymentCommand command) {
            Rejection refusal = refusals.get(command.bookingNumber());
            if (refusal != null) {
                throw new RejectedException(refusal);
            }
            if (jdbc.sql("SELECT count(*) FROM payment_order WHERE booking_number = :id")
                    .param("id", command.bookingNumber()).query(Long.class).single() == 0) {
                // what the aggregate's repository answers for a booking that was never placed
                throw new RejectedException(Rejection.notFound("not_found", "No such resource."));
            }
            payments.add(command);
        }

        @CommandHandler
        void handle(RejectPaymentCommand command) {
            failedBookings.add(command);
        }

        @CommandHandler
        void handle(ExpireBookingCommand command) {
            // the booking saga's deadline; nothing to do without the aggregate
        }

        @CommandHandler
        void handle(ConfirmBookingCommand command) {
            // sent by the booking saga after a PaymentRecordedEvent
        }

        @CommandHandler
        void handle(ConfirmSeatCommand command) {
            // sent by the booking saga after a PaymentRecordedEvent
        }

        @CommandHandler
        void handle(ReleaseSeatCommand command) {
            // sent by the booking saga after an expiry
        }

        List<RecordPaymentCommand> paymentsOf(String bookingNumber) {
            return payments.stream().filter(command -> command.bookingNumber().equals(bookingNumber)).toList();
        }

        List<RejectPaymentCommand> failuresOf(String bookingNumber) {
            return failedBookings.stream().filter(command -> command.bookingNumber().equals(bookingNumber)).toList();
        }
    }
}
