package io.tandem.query.couple;

import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleStartDateChangedEvent;
import io.tandem.api.couple.CoupleQueries.CoupleInfo;
import io.tandem.api.couple.CoupleQueries.FindCoupleInfoQuery;
import io.tandem.query.ProjectionHarness;
import io.tandem.query.identity.TestProfiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The couples read model: events in, rows and query answers out, and a replay gives the same rows. */
class CoupleProjectionTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final JdbcClient JDBC = ProjectionHarness.migratedDatabase();

    private final ActiveCouples couples = new ActiveCouples(JDBC, SEOUL);
    private final CoupleProjection projection = new CoupleProjection(JDBC, couples);
    private final ProjectionHarness events = new ProjectionHarness(TestProfiles.projection(JDBC), projection);
    private final String inviter = UUID.randomUUID().toString();
    private final String invitee = UUID.randomUUID().toString();
    private final String couple = UUID.randomUUID().toString();
    private final LocalDate today = LocalDate.now(SEOUL);

    @BeforeEach
    void twoPeopleLinked() {
        events.publish(inviter, TestProfiles.signedUp(inviter, inviter + "@example.com", "Kim Minji"));
        events.publish(invitee, TestProfiles.signedUp(invitee, invitee + "@example.com", "Lee Jieun"));
        events.publish(couple, new CoupleLinkedEvent(couple, inviter, invitee, today.minusDays(99)));
    }

    @Test
    void eachPartnerSeesTheOtherAndTheDaysTogether() {
        CoupleInfo asInviter = projection.handle(new FindCoupleInfoQuery(inviter));
        CoupleInfo asInvitee = projection.handle(new FindCoupleInfoQuery(invitee));

        assertThat(asInviter.coupleId()).isEqualTo(couple);
        assertThat(asInviter.partner().userId()).isEqualTo(invitee);
        assertThat(asInviter.partner().name()).isEqualTo("Lee Jieun");
        assertThat(asInvitee.partner().name()).isEqualTo("Kim Minji");
        assertThat(asInviter.startedOn()).isEqualTo(today.minusDays(99));
        assertThat(asInviter.dDay()).as("the first day is day 1").isEqualTo(100);
        assertThat(asInviter.linkedAt()).isEqualTo(events.lastTimestamp());
    }

    @Test
    void aNewStartDateCountsAndAnOlderOneRedeliveredDoesNot() {
        events.publish(couple, new CoupleStartDateChangedEvent(couple, today.minusDays(9), inviter));
        events.publish(couple, new CoupleStartDateChangedEvent(couple, today, invitee));

        events.redeliver(3);

        assertThat(projection.handle(new FindCoupleInfoQuery(inviter)).dDay()).isEqualTo(1);
    }

    @Test
    void aCoupleThatEndedShowsNothingToEitherPartner() {
        events.publish(couple, new CoupleDisconnectedEvent(couple, inviter, invitee));

        for (String partner : List.of(inviter, invitee)) {
            assertThatThrownBy(() -> projection.handle(new FindCoupleInfoQuery(partner)))
                    .isInstanceOf(RejectedException.class).hasMessageContaining("not in a couple");
        }
        assertThat(row().get("disconnected_at")).isNotNull();
    }

    @Test
    void aReplayGivesTheSameRow() {
        events.publish(couple, new CoupleStartDateChangedEvent(couple, today.minusDays(9), inviter));
        events.publish(couple, new CoupleDisconnectedEvent(couple, invitee, inviter));
        Map<String, Object> before = row();

        events.replay();

        assertThat(row()).isEqualTo(before);
    }

    private Map<String, Object> row() {
        return JDBC.sql("SELECT * FROM couple WHERE couple_id = :id").param("id", couple).query().singleRow();
    }
}
