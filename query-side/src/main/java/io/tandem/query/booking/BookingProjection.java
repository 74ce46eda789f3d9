package io.tandem.query.booking;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.booking.BookingEvents.BookingEvent;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.BookingEvents.PaymentRecordedEvent;
import io.tandem.api.booking.BookingEvents.RefundFailedEvent;
import io.tandem.api.booking.BookingQueries.BookingPage;
import io.tandem.api.booking.BookingQueries.BookingView;
import io.tandem.api.booking.BookingQueries.FindBookingQuery;
import io.tandem.api.booking.BookingQueries.ListBookingsQuery;
import io.tandem.api.booking.BookingQueries.ListMyBookingsQuery;
import io.tandem.api.booking.BookingStatus;
import io.tandem.api.consistency.ReadModels;
import io.tandem.api.flight.Cabin;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.platform.jdbc.OffsetPage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Bookings as travellers and admins read them, one row per booking with its passengers as JSONB.
 * <p>
 * Events of one booking arrive in order (they share the booking's aggregate, the processor's sequencing key). Each
 * handler writes absolute values and only for an event newer than the row's {@code last_sequence}, so a re-delivered
 * or replayed event gives the same row and never moves a booking back to an earlier status.
 */
@Component
@ProcessingGroup(BookingProjection.PROCESSING_GROUP)
class BookingProjection {

    static final String PROCESSING_GROUP = ReadModels.BOOKINGS;

    private static final RowMapper<BookingView> VIEW = (rs, row) -> new BookingView(
            rs.getString("booking_number"), rs.getString("user_id"), BookingStatus.valueOf(rs.getString("status")),
            rs.getString("schedule_id"), rs.getString("flight_number"), rs.getString("origin"),
            rs.getString("destination"), instant(rs, "departure_at"),
            rs.getString("seat_id"), Cabin.valueOf(rs.getString("cabin")),
            BookingText.readPassengers(rs.getString("passengers")), rs.getLong("amount"),
            instant(rs, "expires_at"), rs.getString("receipt_id"),
            rs.getInt("refund_attempts"), rs.getString("last_refund_error"),
            instant(rs, "created_at"));

    private static final String NEWEST_FIRST = "created_at DESC, booking_number DESC";

    private final JdbcClient jdbc;

    BookingProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BookingPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 INSERT INTO booking (booking_number, user_id, status, schedule_id, flight_id, flight_number, origin,
                                      destination, departure_at, seat_id, cabin, passengers, amount, expires_at,
                                      created_at, last_sequence)
                 VALUES (:bookingNumber, :userId, :status, :scheduleId, :flightId, :flightNumber, :origin,
                         :destination, :departureAt, :seatId, :cabin, CAST(:passengers AS JSONB), :amount,
                         :expiresAt, :createdAt, :sequence)
                 ON CONFLICT (booking_number) DO NOTHING
                 """)
            .param("bookingNumber", event.bookingNumber())
            .param("userId", event.userId())
            .param("status", BookingStatus.after(event).orElseThrow().name())
            .param("scheduleId", event.scheduleId())
            .param("flightId", event.flightId())
            .param("flightNumber", BookingText.flightNumber(event.flightNumber()))
            .param("origin", event.origin())
            .param("destination", event.destination())
            .param("departureAt", utc(event.departureAt()))
            .param("seatId", event.seatId())
            .param("cabin", event.cabin().name())
            .param("passengers", BookingText.writePassengers(event.passengers()))
            .param("amount", event.amount())
            .param("expiresAt", utc(event.expiresAt()))
            .param("createdAt", utc(occurredAt))
            .param("sequence", sequence)
            .update();
    }

    @EventHandler
    void on(PaymentRecordedEvent event, @SequenceNumber long sequence) {
        update(event.bookingNumber(), sequence, "receipt_id = :receiptId", "receiptId", event.receiptId());
    }

    /** Admins see the failed refund: how many attempts so far and why the last one failed. */
    @EventHandler
    void on(RefundFailedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                 UPDATE booking SET status = :status, refund_attempts = :attempt, last_refund_error = :reason,
                                    last_sequence = :sequence
                 WHERE booking_number = :bookingNumber AND last_sequence < :sequence
                 """)
            .param("status", BookingStatus.after(event).orElseThrow().name())
            .param("attempt", event.attempt())
            .param("reason", event.reason())
            .param("sequence", sequence)
            .param("bookingNumber", event.bookingNumber())
            .update();
    }

    /** Events that change nothing but the status, as {@link BookingStatus#after} maps them. */
    @EventHandler
    void on(BookingEvent event, @SequenceNumber long sequence) {
        BookingStatus.after(event).ifPresent(status -> status(event.bookingNumber(), sequence, status));
    }

    /** The passengers are the erased person's data; the bookings stay, as the business's record, without them. */
    @EventHandler
    void on(UserErasedEvent event) {
        jdbc.sql("UPDATE booking SET passengers = '[]' WHERE user_id = :userId")
            .param("userId", event.userId())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM booking").update();
    }

    /** Unknown and someone else's booking look the same: NOT_FOUND. A null user id (admins) sees any booking. */
    @QueryHandler
    BookingView handle(FindBookingQuery query) {
        return jdbc.sql("""
                        SELECT * FROM booking
                        WHERE booking_number = :bookingNumber AND (CAST(:userId AS VARCHAR) IS NULL OR user_id = :userId)
                        """)
                   .param("bookingNumber", query.bookingNumber())
                   .param("userId", query.userId())
                   .query(VIEW)
                   .optional()
                   .orElseThrow(() -> new RejectedException(Rejection.notFound("booking_not_found",
                                                                               "No such booking.")));
    }

    @QueryHandler
    BookingPage handle(ListMyBookingsQuery query) {
        OffsetPage<BookingView> page = OffsetPage.read(
                jdbc, "FROM booking WHERE user_id = :userId", statement -> statement.param("userId", query.userId()),
                NEWEST_FIRST, VIEW, query.page(), query.size());
        return new BookingPage(page.items(), query.page(), query.size(), page.total());
    }

    /** Every booking matching the filters, newest first; dates are UTC departure dates, both ends included. */
    @QueryHandler
    BookingPage handle(ListBookingsQuery query) {
        String where = """
                       WHERE (CAST(:status AS VARCHAR) IS NULL OR status = :status)
                         AND (CAST(:flightNumber AS VARCHAR) IS NULL OR flight_number = :flightNumber)
                         AND (CAST(:from AS DATE) IS NULL
                              OR departure_at >= CAST(:from AS DATE)::timestamp AT TIME ZONE 'UTC')
                         AND (CAST(:to AS DATE) IS NULL
                              OR departure_at < (CAST(:to AS DATE) + 1)::timestamp AT TIME ZONE 'UTC')
                       """;
        OffsetPage<BookingView> page = OffsetPage.read(jdbc, "FROM booking " + where,
                                                       statement -> withFilters(statement, query), NEWEST_FIRST, VIEW,
                                                       query.page(), query.size());
        return new BookingPage(page.items(), query.page(), query.size(), page.total());
    }

    private void status(String bookingNumber, long sequence, BookingStatus status) {
        update(bookingNumber, sequence, "status = :status", "status", status.name());
    }

    private void update(String bookingNumber, long sequence, String assignment, String name, Object value) {
        jdbc.sql("UPDATE booking SET " + assignment + ", last_sequence = :sequence "
                 + "WHERE booking_number = :bookingNumber AND last_sequence < :sequence")
            .param(name, value)
            .param("sequence", sequence)
            .param("bookingNumber", bookingNumber)
            .update();
    }

    private static JdbcClient.StatementSpec withFilters(JdbcClient.StatementSpec statement, ListBookingsQuery query) {
        return statement.param("status", query.status() == null ? null : query.status().name())
                        .param("flightNumber", BookingText.flightNumber(query.flightNumber()))
                        .param("from", query.from())
                        .param("to", query.to());
    }
}
