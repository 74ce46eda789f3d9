package io.tandem.query.couple;

import io.tandem.api.consistency.ReadModels;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleStartDateChangedEvent;
import io.tandem.api.couple.CoupleQueries.CoupleInfo;
import io.tandem.api.couple.CoupleQueries.FindCoupleInfoQuery;
import io.tandem.api.couple.CoupleQueries.PartnerProfile;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Couples, and each partner's view of theirs: the partner's profile from the user profile read model, the day they
 * started and how many days they have been together. Writes are absolute and guarded by the couple's sequence, so a
 * re-delivered or replayed event gives the same row.
 */
@Component
@ProcessingGroup(CoupleProjection.PROCESSING_GROUP)
class CoupleProjection {

    /** Every couple read model is in this group, which runs on one segment: see application-query.yml. */
    static final String PROCESSING_GROUP = ReadModels.COUPLES;

    private final JdbcClient jdbc;
    private final ActiveCouples couples;

    CoupleProjection(JdbcClient jdbc, ActiveCouples couples) {
        this.jdbc = jdbc;
        this.couples = couples;
    }

    @EventHandler
    void on(CoupleLinkedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 INSERT INTO couple (couple_id, inviter_id, invitee_id, started_on, linked_at, last_sequence)
                 VALUES (:coupleId, :inviterId, :inviteeId, :startedOn, :linkedAt, :sequence)
                 ON CONFLICT (couple_id) DO NOTHING
                 """)
            .param("coupleId", event.coupleId())
            .param("inviterId", event.inviterId())
            .param("inviteeId", event.inviteeId())
            .param("startedOn", event.startedOn())
            .param("linkedAt", utc(occurredAt))
            .param("sequence", sequence)
            .update();
    }

    @EventHandler
    void on(CoupleStartDateChangedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                 UPDATE couple SET started_on = :startedOn, last_sequence = :sequence
                 WHERE couple_id = :coupleId AND last_sequence < :sequence
                 """)
            .param("startedOn", event.startedOn())
            .param("sequence", sequence)
            .param("coupleId", event.coupleId())
            .update();
    }

    @EventHandler
    void on(CoupleDisconnectedEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                 UPDATE couple SET disconnected_at = :at, last_sequence = :sequence
                 WHERE couple_id = :coupleId AND last_sequence < :sequence
                 """)
            .param("at", utc(occurredAt))
            .param("sequence", sequence)
            .param("coupleId", event.coupleId())
            .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM couple").update();
    }

    @QueryHandler
    CoupleInfo handle(FindCoupleInfoQuery query) {
        String coupleId = couples.requireCoupleOf(query.userId());
        LocalDate today = couples.today();
        return jdbc.sql("""
                        SELECT c.couple_id, c.started_on, c.linked_at, p.user_id AS partner_id, u.name, u.nickname,
                               u.profile_image_url
                        FROM couple c
                        CROSS JOIN LATERAL (SELECT CASE WHEN c.inviter_id = :userId THEN c.invitee_id
                                                        ELSE c.inviter_id END AS user_id) p
                        LEFT JOIN user_profile u ON u.user_id = p.user_id
                        WHERE c.couple_id = :coupleId
                        """)
                   .param("userId", query.userId())
                   .param("coupleId", coupleId)
                   .query((rs, row) -> {
                       LocalDate startedOn = rs.getObject("started_on", LocalDate.class);
                       return new CoupleInfo(
                               rs.getString("couple_id"),
                               new PartnerProfile(rs.getString("partner_id"), rs.getString("name"),
                                                  rs.getString("nickname"), rs.getString("profile_image_url")),
                               startedOn, ActiveCouples.daysTogether(startedOn, today),
                               instant(rs, "linked_at"));
                   })
                   .single();
    }
}
