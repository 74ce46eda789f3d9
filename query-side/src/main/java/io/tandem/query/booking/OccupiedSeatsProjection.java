package io.tandem.query.booking;

import io.tandem.api.booking.BookingQueries.OccupiedSeats;
import io.tandem.api.booking.BookingQueries.OccupiedSeatsQuery;
import io.tandem.api.booking.SeatEvents.SeatReleasedEvent;
import io.tandem.api.booking.SeatEvents.SeatReservedEvent;
import io.tandem.api.booking.SeatEvents.SeatSoldEvent;
import io.tandem.api.consistency.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The seats of each schedule that are held for a booking awaiting payment or sold, for seat maps.
 * <p>
 * Seat events are the schedule's, so they arrive in the schedule's order, and every row remembers the schedule's
 * sequence number of the last event that changed it: an event no newer than that (a re-delivery) changes nothing.
 * A release frees the seat only if the booking it names still holds it, so a late release never frees the seat of a
 * booking that took it since; a released seat stays as a RELEASED row, which keeps its sequence number.
 */
@Component
@ProcessingGroup(OccupiedSeatsProjection.PROCESSING_GROUP)
class OccupiedSeatsProjection {

    static final String PROCESSING_GROUP = ReadModels.OCCUPIED_SEATS;

    private final JdbcClient jdbc;

    OccupiedSeatsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SeatReservedEvent event, @SequenceNumber long sequence) {
        take(event.scheduleId(), event.seatId(), event.bookingNumber(), "RESERVED", sequence);
    }

    @EventHandler
    void on(SeatSoldEvent event, @SequenceNumber long sequence) {
        take(event.scheduleId(), event.seatId(), event.bookingNumber(), "SOLD", sequence);
    }

    @EventHandler
    void on(SeatReleasedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                 UPDATE occupied_seat SET state = 'RELEASED', last_sequence = :sequence
                 WHERE schedule_id = :scheduleId AND seat_id = :seatId AND booking_number = :bookingNumber
                   AND last_sequence < :sequence
                 """)
            .param("sequence", sequence)
            .param("scheduleId", event.scheduleId())
            .param("seatId", event.seatId())
            .param("bookingNumber", event.bookingNumber())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM occupied_seat").update();
    }

    /** Seat ids front to back (row number, then letter). */
    @QueryHandler
    OccupiedSeats handle(OccupiedSeatsQuery query) {
        return new OccupiedSeats(query.scheduleId(), jdbc.sql("""
                                                              SELECT seat_id FROM occupied_seat
                                                              WHERE schedule_id = :scheduleId
                                                                AND state IN ('RESERVED', 'SOLD')
                                                              ORDER BY length(seat_id), seat_id
                                                              """)
                                                         .param("scheduleId", query.scheduleId())
                                                         .query(String.class)
                                                         .list());
    }

    private void take(String scheduleId, String seatId, String bookingNumber, String state, long sequence) {
        jdbc.sql("""
                 INSERT INTO occupied_seat (schedule_id, seat_id, booking_number, state, last_sequence)
                 VALUES (:scheduleId, :seatId, :bookingNumber, :state, :sequence)
                 ON CONFLICT (schedule_id, seat_id) DO UPDATE
                     SET booking_number = EXCLUDED.booking_number, state = EXCLUDED.state,
                         last_sequence = EXCLUDED.last_sequence
                     WHERE occupied_seat.last_sequence < EXCLUDED.last_sequence
                 """)
            .param("scheduleId", scheduleId)
            .param("seatId", seatId)
            .param("bookingNumber", bookingNumber)
            .param("state", state)
            .param("sequence", sequence)
            .update();
    }
}
