package io.tandem.query.couple;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Which couple a reader belongs to now, and which day it is for couples ({@code tandem.couple.zone}, Korea by
 * default). Every couple query starts here, so a couple that ended shows nothing to either partner.
 */
@Component
class ActiveCouples {

    private final JdbcClient jdbc;
    private final ZoneId zone;

    ActiveCouples(JdbcClient jdbc, @Value("${tandem.couple.zone:Asia/Seoul}") ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    String requireCoupleOf(String userId) {
        return jdbc.sql("""
                        SELECT couple_id FROM couple
                        WHERE disconnected_at IS NULL AND (inviter_id = :userId OR invitee_id = :userId)
                        """)
                   .param("userId", userId)
                   .query(String.class)
                   .optional()
                   .orElseThrow(() -> new RejectedException(Rejection.notFound("not_in_couple",
                                                                               "You are not in a couple.")));
    }

    LocalDate today() {
        return LocalDate.now(zone);
    }

    /** Days together, the first day being day 1, as Korean couples count them. */
    static long daysTogether(LocalDate startedOn, LocalDate today) {
        return ChronoUnit.DAYS.between(startedOn, today) + 1;
    }
}
