package io.tandem.command.couple;

import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleCommands;
import io.tandem.api.couple.CoupleCommands.IssueCoupleInviteCommand;
import io.tandem.api.couple.CoupleCommands.MatchCoupleCommand;
import io.tandem.api.couple.CoupleEvents.CoupleInviteIssuedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleInviteRedeemedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleResults.IssuedInvite;
import io.tandem.api.couple.CoupleResults.LinkedCouple;
import io.tandem.command.CommandTestDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * Invites and matching, with the code directory and the membership table on a real database: which codes work, and
 * that a match spends the invite, claims both partners and links the couple together.
 */
class CoupleLinkingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static CoupleMembership membership;
    private static InviteCodes codes;

    private AggregateTestFixture<CoupleInvite> fixture;
    private EmbeddedEventStore coupleEvents;
    private String inviter;
    private String partner;
    private String invitationId;

    @BeforeAll
    static void database() {
        var jdbc = CommandTestDatabase.create(CommandTestDatabase.COUPLES);
        membership = new CoupleMembership(jdbc);
        codes = new InviteCodes(jdbc);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CoupleInvite.class);
        fixture.registerInjectableResource(membership);
        fixture.registerInjectableResource(codes);
        coupleEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        EventSourcingRepository<Couple> couples = EventSourcingRepository.builder(Couple.class)
                .eventStore(coupleEvents)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(Couple.class),
                        new SimpleResourceParameterResolverFactory(List.of(membership))))
                .build();
        fixture.registerAnnotatedCommandHandler(new CoupleLinking(codes, membership, fixture.getRepository(),
                                                                  couples));
        inviter = UUID.randomUUID().toString();
        partner = UUID.randomUUID().toString();
        invitationId = CoupleCommands.invitationId(inviter);
    }

    private CoupleInviteIssuedEvent issued(String code, Instant expiresAt) {
        return new CoupleInviteIssuedEvent(invitationId, inviter, code, expiresAt);
    }

    private Instant tomorrow() {
        return fixture.currentTime().plus(Duration.ofDays(1));
    }

    private MatchCoupleCommand match(String coupleId, String code, String userId) {
        return new MatchCoupleCommand(coupleId, code, userId, TODAY);
    }

    @Test
    void anInviteIsAFreshCodeThatReplacesTheEarlierOne() {
        String earlier = codes.issue(inviter);
        Instant expiresAt = tomorrow();
        fixture.given(issued(earlier, expiresAt))
               .when(new IssueCoupleInviteCommand(invitationId, inviter, expiresAt))
               .expectSuccessfulHandlerExecution()
               .expectEventsMatching(payloadsMatching(exactSequenceOf(
                       predicate(event -> event instanceof CoupleInviteIssuedEvent issued
                                          && issued.inviterId().equals(inviter)
                                          && issued.code().matches("[A-HJKMNP-Z2-9]{8}")
                                          && !issued.code().equals(earlier)
                                          && issued.expiresAt().equals(expiresAt)),
                       andNoMore())))
               .expectResultMessagePayloadMatching(predicate(result -> result instanceof IssuedInvite invite
                                                                      && codes.inviterOf(invite.code())
                                                                              .equals(Optional.of(inviter))));
        assertThat(codes.inviterOf(earlier)).isEmpty();
    }

    @Test
    void someoneInACoupleCannotInvite() {
        membership.claim(UUID.randomUUID().toString(), inviter, UUID.randomUUID().toString());
        fixture.givenNoPriorActivity()
               .when(new IssueCoupleInviteCommand(invitationId, inviter, tomorrow()))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("You are already in a couple.");
    }

    @Test
    void matchingSpendsTheInviteClaimsBothAndLinksTheCouple() {
        String code = codes.issue(inviter);
        String coupleId = UUID.randomUUID().toString();
        fixture.given(issued(code, tomorrow()))
               .when(match(coupleId, code, partner))
               .expectEvents(new CoupleInviteRedeemedEvent(invitationId, inviter, code, partner, coupleId))
               .expectResultMessagePayload(new LinkedCouple(coupleId, inviter, TODAY));
        assertThat(membership.membersOf(coupleId)).containsExactlyInAnyOrder(inviter, partner);
        assertThat(coupleEvents.readEvents(coupleId).asStream().<Object>map(EventMessage::getPayload).toList())
                .containsExactly(new CoupleLinkedEvent(coupleId, inviter, partner, TODAY));
    }

    /** Security review L7: a spent or expired code answers exactly like one that never existed. */
    @Test
    void aCodeWorksOnceOnlyUntilItExpiresAndNotForItsOwner() {
        String code = codes.issue(inviter);
        String coupleId = UUID.randomUUID().toString();
        refused(fixture.given(issued(code, tomorrow()),
                              new CoupleInviteRedeemedEvent(invitationId, inviter, code, partner, coupleId)),
                match(UUID.randomUUID().toString(), code, UUID.randomUUID().toString()), "invite_not_found");
        refused(fixture.given(issued(code, fixture.currentTime().minusSeconds(1))),
                match(coupleId, code, partner), "invite_not_found");
        refused(fixture.given(issued(code, tomorrow())), match(coupleId, code, inviter), "own_invite");
        refused(fixture.given(issued(code, tomorrow())), match(coupleId, "ZZZZ2222", partner), "invite_not_found");
        String newer = codes.issue(inviter);
        refused(fixture.given(issued(code, tomorrow()), issued(newer, tomorrow())), match(coupleId, code, partner),
                "invite_not_found");
        assertThat(membership.coupleOf(partner)).isEmpty();
        assertThat(membership.coupleOf(inviter)).isEmpty();
    }

    @Test
    void nobodyIsMatchedIntoASecondCouple() {
        String code = codes.issue(inviter);
        String existingCouple = UUID.randomUUID().toString();
        membership.claim(existingCouple, partner, UUID.randomUUID().toString());
        refused(fixture.given(issued(code, tomorrow())), match(UUID.randomUUID().toString(), code, partner),
                "already_in_couple");
        String stranger = UUID.randomUUID().toString();
        membership.release(existingCouple);
        membership.claim(existingCouple, inviter, stranger);
        // the code is unusable, and whether its inviter is in a couple is not the redeemer's business (L7)
        refused(fixture.given(issued(code, tomorrow())), match(UUID.randomUUID().toString(), code, partner),
                "invite_not_found");
        assertThat(membership.coupleOf(partner)).isEmpty();
        assertThat(membership.membersOf(existingCouple)).containsExactlyInAnyOrder(inviter, stranger);
    }

    private static void refused(TestExecutor<CoupleInvite> given, MatchCoupleCommand command, String code) {
        given.when(command)
             .expectNoEvents()
             .expectException(predicate(failure -> failure instanceof RejectedException rejected
                                                   && rejected.rejection().code().equals(code)));
    }
}
