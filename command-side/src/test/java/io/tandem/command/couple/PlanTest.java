package io.tandem.command.couple;

import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleCommands.ChangePlanCommand;
import io.tandem.api.couple.CoupleCommands.DeletePlanCommand;
import io.tandem.api.couple.CoupleCommands.SchedulePlanCommand;
import io.tandem.api.couple.CoupleEvents.PlanChangedEvent;
import io.tandem.api.couple.CoupleEvents.PlanDeletedEvent;
import io.tandem.api.couple.CoupleEvents.PlanReminderDueEvent;
import io.tandem.api.couple.CoupleEvents.PlanScheduledEvent;
import io.tandem.api.couple.CoupleResults.PlanDetails;
import io.tandem.command.CommandTestDatabase;
import io.tandem.command.couple.CoupleItems.Kind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.IgnoreField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.equalTo;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/** Plans and their reminders: scheduled as deadlines, moved with the time, cancelled with the plan, fired once. */
class PlanTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    private static final Duration LEAD = Duration.ofHours(2);
    private static final Instant TIME = NOW.plus(Duration.ofDays(1));
    private static final String COUPLE = "couple-1";

    private static CoupleItems items;

    private AggregateTestFixture<Plan> fixture;
    private String planId;

    @BeforeAll
    static void database() {
        items = new CoupleItems(CommandTestDatabase.create(CommandTestDatabase.COUPLES));
    }

    /** A new fixture and plan, for each scenario: deadlines scheduled in one stay in its deadline manager. */
    @BeforeEach
    void newScenario() {
        fixture = new AggregateTestFixture<>(Plan.class);
        fixture.registerInjectableResource(items);
        planId = UUID.randomUUID().toString();
    }

    private SchedulePlanCommand schedule(Instant time) {
        return new SchedulePlanCommand(planId, COUPLE, "user-1", "Dinner", "Seongsu", time, time.minus(LEAD));
    }

    private PlanScheduledEvent scheduled(Instant time, Instant remindAt) {
        return new PlanScheduledEvent(planId, COUPLE, "Dinner", "Seongsu", time, remindAt, "ignored", "user-1");
    }

    private static IgnoreField ignoringReminderId(Class<?> event) {
        return new IgnoreField(event, "reminderId");
    }

    @Test
    void aPlanRemindsBothPartnersTheLeadAheadOfItsTime() {
        fixture.givenCurrentTime(NOW)
               .when(schedule(TIME))
               .expectSuccessfulHandlerExecution()
               .expectEventsMatching(payloadsMatching(exactSequenceOf(
                       equalTo(scheduled(TIME, TIME.minus(LEAD)), ignoringReminderId(PlanScheduledEvent.class)),
                       andNoMore())))
               .expectResultMessagePayload(new PlanDetails(planId, "Dinner", "Seongsu", TIME, TIME.minus(LEAD)))
               .expectScheduledDeadline(TIME.minus(LEAD), TIME);
        assertThatThrownBy(() -> items.requireOwned(planId, "couple-2", Kind.PLAN))
                .isInstanceOf(RejectedException.class);
        items.requireOwned(planId, COUPLE, Kind.PLAN);
    }

    @Test
    void theReminderFiresWhenItsTimeComesAndOnlyThen() {
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME))
               .whenTimeElapses(Duration.ofDays(1).minus(LEAD).minusSeconds(1))
               .expectNoEvents()
               .expectTriggeredDeadlines();
        newScenario();
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME))
               .whenTimeElapses(Duration.ofDays(1).minus(LEAD))
               .expectTriggeredDeadlinesWithName(Plan.REMINDER)
               .expectEvents(new PlanReminderDueEvent(planId, COUPLE, TIME))
               .expectNoScheduledDeadlines();
    }

    @Test
    void aPlanCloserThanTheLeadIsRemindedAtOnce() {
        Instant soon = NOW.plus(Duration.ofMinutes(30));
        fixture.givenCurrentTime(NOW)
               .when(schedule(soon))
               .expectScheduledDeadline(NOW, soon)
               .expectResultMessagePayload(new PlanDetails(planId, "Dinner", "Seongsu", soon, NOW));
        newScenario();
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(soon))
               .whenTimeElapses(Duration.ZERO)
               .expectEvents(new PlanReminderDueEvent(planId, COUPLE, soon));
    }

    @Test
    void aPlanInThePastIsRefused() {
        fixture.givenCurrentTime(NOW)
               .when(schedule(NOW.minusSeconds(1)))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("time: a plan must be in the future.")
               .expectNoScheduledDeadlines();
        newScenario();
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME))
               .when(new ChangePlanCommand(planId, COUPLE, null, null, NOW, NOW.minus(LEAD)))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectScheduledDeadline(TIME.minus(LEAD), TIME);
    }

    @Test
    void movingThePlanMovesItsReminder() {
        Instant later = TIME.plus(Duration.ofDays(2));
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME))
               .when(new ChangePlanCommand(planId, COUPLE, null, null, later, later.minus(LEAD)))
               .expectEventsMatching(payloadsMatching(exactSequenceOf(
                       equalTo(new PlanChangedEvent(planId, COUPLE, "Dinner", "Seongsu", later, later.minus(LEAD),
                                                    "ignored"), ignoringReminderId(PlanChangedEvent.class)),
                       andNoMore())))
               .expectScheduledDeadline(later.minus(LEAD), later)
               .expectNoScheduledDeadline(TIME.minus(LEAD), TIME);
        // the old moment passes quietly; the new one reminds once
        newScenario();
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME),
                                 new ChangePlanCommand(planId, COUPLE, null, null, later, later.minus(LEAD)))
               .whenTimeElapses(Duration.ofDays(2))
               .expectNoEvents();
        newScenario();
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME),
                                 new ChangePlanCommand(planId, COUPLE, null, null, later, later.minus(LEAD)))
               .whenTimeElapses(Duration.ofDays(4))
               .expectTriggeredDeadlines(later)
               .expectEvents(new PlanReminderDueEvent(planId, COUPLE, later));
    }

    @Test
    void changingOnlyTheWordsKeepsTheReminder() {
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME))
               .when(new ChangePlanCommand(planId, COUPLE, "Picnic", "", null, null))
               .expectEventsMatching(payloadsMatching(exactSequenceOf(
                       equalTo(new PlanChangedEvent(planId, COUPLE, "Picnic", null, TIME, TIME.minus(LEAD),
                                                    "ignored"), ignoringReminderId(PlanChangedEvent.class)),
                       andNoMore())))
               .expectResultMessagePayload(new PlanDetails(planId, "Picnic", null, TIME, TIME.minus(LEAD)))
               .expectScheduledDeadline(TIME.minus(LEAD), TIME);
        newScenario();
        fixture.given(scheduled(TIME, TIME.minus(LEAD)))
               .when(new ChangePlanCommand(planId, COUPLE, "Dinner", null, TIME, TIME.minus(LEAD)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void deletingThePlanCancelsItsReminder() {
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME))
               .when(new DeletePlanCommand(planId, COUPLE))
               .expectEvents(new PlanDeletedEvent(planId, COUPLE))
               .expectNoScheduledDeadlines();
        newScenario();
        fixture.givenCurrentTime(NOW)
               .andGivenCommands(schedule(TIME), new DeletePlanCommand(planId, COUPLE))
               .whenTimeElapses(Duration.ofDays(2))
               .expectNoEvents()
               .expectTriggeredDeadlines();
    }

    @Test
    void aPlanMovedAfterItsReminderIsRemindedAgain() {
        Instant later = TIME.plus(Duration.ofDays(1));
        fixture.given(scheduled(TIME, TIME.minus(LEAD)), new PlanReminderDueEvent(planId, COUPLE, TIME))
               .andGivenCurrentTime(NOW)
               .when(new ChangePlanCommand(planId, COUPLE, null, null, later, later.minus(LEAD)))
               .expectScheduledDeadline(later.minus(LEAD), later);
    }

    @Test
    void anotherCouplesOrADeletedPlanIsNotFound() {
        fixture.given(scheduled(TIME, TIME.minus(LEAD)))
               .when(new DeletePlanCommand(planId, "couple-2"))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("No such plan.");
        newScenario();
        fixture.given(scheduled(TIME, TIME.minus(LEAD)), new PlanDeletedEvent(planId, COUPLE))
               .when(new ChangePlanCommand(planId, COUPLE, "Again", null, null, null))
               .expectNoEvents()
               .expectException(RejectedException.class);
    }
}
