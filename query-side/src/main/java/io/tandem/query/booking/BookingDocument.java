package io.tandem.query.booking;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;
import io.tandem.api.booking.BookingQueries.BookingView;
import io.tandem.api.booking.BookingStatus;
import io.tandem.api.booking.Passenger;
import io.tandem.api.flight.Cabin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One booking in the search index ({@link BookingIndex#PROPERTIES}): everything a {@link BookingView} shows, so search
 * answers from the index alone, plus what is only there to be found: {@code phones} (digits only) and
 * {@code nameParts} (parts of Korean names, {@link BookingText#hangulParts}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record BookingDocument(String bookingNumber, String userId, BookingStatus status, String scheduleId,
                       String flightNumber, String origin, String destination, Instant departureAt, String seatId,
                       Cabin cabin, List<PassengerDocument> passengers, List<String> phones, List<String> nameParts,
                       long amount, Instant expiresAt, String receiptId, int refundAttempts, String lastRefundError,
                       Instant createdAt) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PassengerDocument(String name, LocalDate birthDate, String phone) {
    }

    static BookingDocument placed(BookingPlacedEvent event, Instant createdAt) {
        List<Passenger> passengers = event.passengers() == null ? List.of() : event.passengers();
        Set<String> phones = new LinkedHashSet<>();
        Set<String> nameParts = new LinkedHashSet<>();
        for (Passenger passenger : passengers) {
            phones.addAll(BookingText.phoneForms(passenger.phone()));
            nameParts.addAll(BookingText.hangulParts(passenger.name()));
        }
        return new BookingDocument(
                event.bookingNumber(), event.userId(), BookingStatus.after(event).orElseThrow(), event.scheduleId(),
                BookingText.flightNumber(event.flightNumber()), event.origin(), event.destination(),
                event.departureAt(), event.seatId(), event.cabin(),
                passengers.stream().map(p -> new PassengerDocument(p.name(), p.birthDate(), p.phone())).toList(),
                List.copyOf(phones), List.copyOf(nameParts), event.amount(), event.expiresAt(), null, 0, null,
                createdAt);
    }

    BookingDocument withStatus(BookingStatus newStatus) {
        return new BookingDocument(bookingNumber, userId, newStatus, scheduleId, flightNumber, origin, destination,
                                   departureAt, seatId, cabin, passengers, phones, nameParts, amount, expiresAt,
                                   receiptId, refundAttempts, lastRefundError, createdAt);
    }

    BookingDocument withReceipt(String newReceiptId) {
        return new BookingDocument(bookingNumber, userId, status, scheduleId, flightNumber, origin, destination,
                                   departureAt, seatId, cabin, passengers, phones, nameParts, amount, expiresAt,
                                   newReceiptId, refundAttempts, lastRefundError, createdAt);
    }

    BookingDocument withRefundFailure(RefundFailedEvent event) {
        return new BookingDocument(bookingNumber, userId, BookingStatus.after(event).orElseThrow(), scheduleId,
                                   flightNumber, origin, destination, departureAt, seatId, cabin, passengers, phones,
                                   nameParts, amount, expiresAt, receiptId, event.attempt(), event.reason(),
                                   createdAt);
    }

    BookingView toView() {
        List<Passenger> travellers = passengers == null ? List.of()
                : passengers.stream().map(p -> new Passenger(p.name(), p.birthDate(), p.phone())).toList();
        return new BookingView(bookingNumber, userId, status, scheduleId, flightNumber, origin, destination,
                               departureAt, seatId, cabin, travellers, amount, expiresAt, receiptId, refundAttempts,
                               lastRefundError, createdAt);
    }
}
