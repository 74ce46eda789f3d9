package io.tandem.command.couple;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleCommands.ChangePlanCommand;
import io.tandem.api.couple.CoupleCommands.DeletePlanCommand;
import io.tandem.api.couple.CoupleCommands.SchedulePlanCommand;
import io.tandem.api.couple.CoupleEvents.PlanChangedEvent;
import io.tandem.api.couple.CoupleEvents.PlanDeletedEvent;
import io.tandem.api.couple.CoupleEvents.PlanReminderDueEvent;
import io.tandem.api.couple.CoupleEvents.PlanScheduledEvent;
import io.tandem.api.couple.CoupleResults.PlanDetails;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;
import io.tandem.command.couple.CoupleItems.Kind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Something the couple will do at a set time, with a reminder to both of them ahead of it. The reminder is a
 * deadline of this aggregate (persistent, fired once across the cluster): moved when the time moves, cancelled when
 * the plan is deleted. A reminder whose moment has already passed when the plan is saved (a plan less than the
 * reminder lead away) goes out at once. Title and place are the couple's personal data, in snapshots as in events.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class Plan {

    static final String REMINDER = "plan-reminder";

    @AggregateIdentifier
    private String planId;
    @DataSubject
    private String coupleId;
    @PersonalData
    private String title;
    @PersonalData
    private String place;
    private Instant time;
    private Instant remindAt;
    private String reminderId;
    private Instant remindedFor;
    private boolean deleted;

    Plan() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    PlanDetails handle(SchedulePlanCommand command, CoupleItems items, DeadlineManager deadlines) {
        Instant now = now();
        requireFuture(command.time(), now);
        items.register(command.planId(), command.coupleId(), Kind.PLAN);
        Instant due = latest(command.remindAt(), now);
        apply(new PlanScheduledEvent(command.planId(), command.coupleId(), command.title(), command.place(),
                                     command.time(), due,
                                     scheduleReminder(deadlines, command.planId(), due, command.time()),
                                     command.userId()));
        return details();
    }

    @CommandHandler
    PlanDetails handle(ChangePlanCommand command, DeadlineManager deadlines) {
        requireOwnedBy(command.coupleId());
        String newTitle = Objects.requireNonNullElse(command.title(), title);
        String newPlace = command.place() == null ? place : blankToNull(command.place());
        if (command.time() == null || command.time().equals(time)) {
            if (!newTitle.equals(title) || !Objects.equals(newPlace, place)) {
                apply(new PlanChangedEvent(planId, coupleId, newTitle, newPlace, time, remindAt, reminderId));
            }
            return details();
        }
        Instant now = now();
        requireFuture(command.time(), now);
        if (reminderId != null) {
            deadlines.cancelSchedule(REMINDER, reminderId);
        }
        Instant due = latest(command.remindAt(), now);
        apply(new PlanChangedEvent(planId, coupleId, newTitle, newPlace, command.time(), due,
                                   scheduleReminder(deadlines, planId, due, command.time())));
        return details();
    }

    @CommandHandler
    void handle(DeletePlanCommand command, DeadlineManager deadlines) {
        requireOwnedBy(command.coupleId());
        if (reminderId != null) {
            deadlines.cancelSchedule(REMINDER, reminderId);
        }
        apply(new PlanDeletedEvent(planId, coupleId));
    }

    /**
     * The payload is the plan time the reminder was set for: a reminder of an earlier time that slipped through a
     * cancellation, or one delivered again after a crash, finds that it has nothing left to say.
     */
    @DeadlineHandler(deadlineName = REMINDER)
    void remind(Instant forTime) {
        if (!deleted && forTime.equals(time) && !forTime.equals(remindedFor)) {
            apply(new PlanReminderDueEvent(planId, coupleId, time));
        }
    }

    PlanDetails details() {
        return new PlanDetails(planId, title, place, time, remindAt);
    }

    /**
     * The scope names the plan explicitly: the one Axon describes for the current aggregate fills its identifier
     * lazily, and the storage serializer, which writes fields, would store it without one.
     */
    private static String scheduleReminder(DeadlineManager deadlines, String planId, Instant due, Instant planTime) {
        return deadlines.schedule(due, REMINDER, planTime,
                                  new AggregateScopeDescriptor(Plan.class.getSimpleName(), planId));
    }

    private void requireOwnedBy(String askingCouple) {
        if (deleted || !askingCouple.equals(coupleId)) {
            throw CoupleRejections.notFound(Kind.PLAN);
        }
    }

    private static void requireFuture(Instant planTime, Instant now) {
        if (!planTime.isAfter(now)) {
            throw new RejectedException(Rejection.invalid("plan_in_past", "time: a plan must be in the future."));
        }
    }

    /** The event clock, so that fixtures can move time. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    @EventSourcingHandler
    void on(PlanScheduledEvent event) {
        planId = event.planId();
        coupleId = event.coupleId();
        title = event.title();
        place = event.place();
        time = event.time();
        remindAt = event.remindAt();
        reminderId = event.reminderId();
    }

    @EventSourcingHandler
    void on(PlanChangedEvent event) {
        title = event.title();
        place = event.place();
        time = event.time();
        remindAt = event.remindAt();
        reminderId = event.reminderId();
    }

    @EventSourcingHandler
    void on(PlanReminderDueEvent event) {
        remindedFor = event.time();
    }

    @EventSourcingHandler
    void on(PlanDeletedEvent event) {
        deleted = true;
    }
}
