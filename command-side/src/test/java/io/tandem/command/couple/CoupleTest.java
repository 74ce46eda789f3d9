package io.tandem.command.couple;

import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleCommands.ChangeCoupleStartDateCommand;
import io.tandem.api.couple.CoupleCommands.DisconnectCoupleCommand;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleStartDateChangedEvent;
import io.tandem.command.CommandTestDatabase;
import io.tandem.platform.personaldata.InMemoryPersonalDataKeys;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The couple aggregate with a real membership table: disconnecting frees both partners in the same step. */
class CoupleTest {

    private static final LocalDate STARTED = LocalDate.of(2026, 3, 14);

    private static CoupleMembership membership;

    private AggregateTestFixture<Couple> fixture;
    private InMemoryPersonalDataKeys keys;
    private String coupleId;
    private String inviter;
    private String invitee;

    @BeforeAll
    static void database() {
        membership = new CoupleMembership(CommandTestDatabase.create(CommandTestDatabase.COUPLES));
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Couple.class);
        fixture.registerInjectableResource(membership);
        keys = InMemoryPersonalDataKeys.perSubject();
        fixture.registerInjectableResource(keys);
        coupleId = UUID.randomUUID().toString();
        inviter = UUID.randomUUID().toString();
        invitee = UUID.randomUUID().toString();
    }

    private CoupleLinkedEvent linked() {
        return new CoupleLinkedEvent(coupleId, inviter, invitee, STARTED);
    }

    @Test
    void eitherPartnerMayMoveTheStartDay() {
        LocalDate earlier = STARTED.minusDays(30);
        fixture.given(linked())
               .when(new ChangeCoupleStartDateCommand(coupleId, invitee, earlier))
               .expectEvents(new CoupleStartDateChangedEvent(coupleId, earlier, invitee));
        fixture.given(linked())
               .when(new ChangeCoupleStartDateCommand(coupleId, inviter, STARTED))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
        fixture.given(linked())
               .when(new ChangeCoupleStartDateCommand(coupleId, "someone-else", earlier))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("You are not in a couple.");
    }

    @Test
    void disconnectingErasesTheCouplesKeySoWhatItKeptNoLongerDecrypts() {
        membership.claim(coupleId, inviter, invitee);
        keys.keyToEncrypt(coupleId);
        fixture.given(linked())
               .when(new DisconnectCoupleCommand(coupleId, inviter))
               .expectSuccessfulHandlerExecution();
        assertThat(keys.isErased(coupleId)).isTrue();
    }

    @Test
    void disconnectingReleasesBothPartnersAndNamesThePartnerToTell() {
        membership.claim(coupleId, inviter, invitee);
        assertThat(membership.membersOf(coupleId)).containsExactlyInAnyOrder(inviter, invitee);
        fixture.given(linked())
               .when(new DisconnectCoupleCommand(coupleId, invitee))
               .expectEvents(new CoupleDisconnectedEvent(coupleId, invitee, inviter));
        assertThat(membership.membersOf(coupleId)).isEmpty();
        assertThat(membership.coupleOf(inviter)).isEmpty();
        assertThat(membership.coupleOf(invitee)).isEmpty();
    }

    @Test
    void aDisconnectedCoupleIsGoneForBoth() {
        CoupleDisconnectedEvent disconnected = new CoupleDisconnectedEvent(coupleId, inviter, invitee);
        fixture.given(linked(), disconnected)
               .when(new DisconnectCoupleCommand(coupleId, invitee))
               .expectNoEvents()
               .expectException(RejectedException.class);
        fixture.given(linked(), disconnected)
               .when(new ChangeCoupleStartDateCommand(coupleId, inviter, STARTED.minusDays(1)))
               .expectNoEvents()
               .expectException(RejectedException.class);
    }

    @Test
    void aUserIsInOneCoupleAtATime() {
        membership.claim(coupleId, inviter, invitee);
        String other = UUID.randomUUID().toString();
        assertThatThrownBy(() -> membership.claim("couple-2", other, invitee))
                .isInstanceOfSatisfying(RejectedException.class,
                                        e -> assertThat(e.rejection().code()).isEqualTo("already_in_couple"));
        assertThat(membership.coupleOf(other)).isEmpty();
        assertThat(membership.coupleOf(invitee)).contains(coupleId);
    }
}
