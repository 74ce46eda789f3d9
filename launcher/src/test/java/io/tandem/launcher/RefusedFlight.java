package io.tandem.launcher;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A poison event that can be fixed: the bookings read model refuses every booking of a new flight (a check
 * constraint, {@code NOT VALID} so the rows already stored stay) until {@link #accept()} drops it. The events of
 * such bookings fail in the bookings projection and are parked as dead letters.
 */
final class RefusedFlight implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String flightNumber;
    private final String constraint;

    private RefusedFlight(JdbcClient jdbc, String flightNumber) {
        this.jdbc = jdbc;
        this.flightNumber = flightNumber;
        this.constraint = "dead_letter_test_" + flightNumber.toLowerCase();
    }

    /** Refuses the bookings of a flight number no other test uses. */
    static RefusedFlight refuse(JdbcClient jdbc) {
        RefusedFlight refused = new RefusedFlight(jdbc, "QZ" + ThreadLocalRandom.current().nextInt(1000, 10000));
        jdbc.sql("ALTER TABLE booking ADD CONSTRAINT " + refused.constraint + " CHECK (flight_number <> '"
                 + refused.flightNumber + "') NOT VALID").update();
        return refused;
    }

    String flightNumber() {
        return flightNumber;
    }

    /** The constraint's name, which the failure's message quotes. */
    String constraint() {
        return constraint;
    }

    /** The fix: the read model accepts the flight's bookings again. */
    void accept() {
        jdbc.sql("ALTER TABLE booking DROP CONSTRAINT IF EXISTS " + constraint).update();
    }

    @Override
    public void close() {
        accept();
    }
}
