package io.tandem.command.flight;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Which airport codes are registered, and each one's time zone. Claims are written inside the unit of work that
 * stores the registration event, so of two concurrent registrations of one code the primary key lets exactly one
 * commit.
 */
@Component
class AirportDirectory {

    private final JdbcClient jdbc;

    AirportDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void claim(String code, String timeZone) {
        try {
            jdbc.sql("INSERT INTO airport_directory (code, time_zone) VALUES (:code, :timeZone)")
                .param("code", code)
                .param("timeZone", timeZone)
                .update();
        } catch (DuplicateKeyException e) {
            throw new RejectedException(Rejection.conflict("airport_exists",
                                                           "Airport " + code + " is already registered."));
        }
    }

    boolean exists(String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM airport_directory WHERE code = :code)")
                   .param("code", code)
                   .query(Boolean.class)
                   .single();
    }

    Optional<ZoneId> timeZoneOf(String code) {
        return jdbc.sql("SELECT time_zone FROM airport_directory WHERE code = :code")
                   .param("code", code)
                   .query(String.class)
                   .optional()
                   .map(ZoneId::of);
    }
}
