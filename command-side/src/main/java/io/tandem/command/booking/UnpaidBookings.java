package io.tandem.command.booking;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * How many bookings each traveller holds unpaid (security review H2): a seat held without paying keeps it from
 * everyone else until the payment deadline, so one account may hold only {@code tandem.booking.max-unpaid} at a time.
 * Counted in PostgreSQL under a lock on the traveller, in the unit of work that places the booking, so the limit
 * holds however many command nodes place bookings at once.
 */
@Component
class UnpaidBookings {

    private final JdbcClient jdbc;
    private final int maxUnpaid;

    UnpaidBookings(JdbcClient jdbc, @Value("${tandem.booking.max-unpaid:4}") int maxUnpaid) {
        this.jdbc = jdbc;
        this.maxUnpaid = maxUnpaid;
    }

    void claim(String userId, String bookingNumber, Instant expiresAt) {
        // held until the unit of work's transaction ends: the traveller's other placements wait for this count
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('unpaid_booking:' || :userId, 0))")
            .param("userId", userId).query().singleValue();
        long unpaid = jdbc.sql("SELECT count(*) FROM unpaid_booking WHERE user_id = :userId AND expires_at > now()")
                          .param("userId", userId).query(Long.class).single();
        if (unpaid >= maxUnpaid) {
            throw new RejectedException(Rejection.conflict(
                    "too_many_unpaid_bookings",
                    "You hold " + unpaid + " bookings awaiting payment, the most allowed: pay for or cancel one "
                    + "first."));
        }
        jdbc.sql("INSERT INTO unpaid_booking (booking_number, user_id, expires_at) VALUES (:number, :user, :expiresAt)")
            .param("number", bookingNumber)
            .param("user", userId)
            .param("expiresAt", utc(expiresAt))
            .update();
    }

    void release(String bookingNumber) {
        jdbc.sql("DELETE FROM unpaid_booking WHERE booking_number = :number").param("number", bookingNumber).update();
    }
}
