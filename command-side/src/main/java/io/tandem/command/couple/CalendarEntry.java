package io.tandem.command.couple;

import io.tandem.api.couple.CoupleCommands.AddCalendarEntryCommand;
import io.tandem.api.couple.CoupleCommands.ChangeCalendarEntryCommand;
import io.tandem.api.couple.CoupleCommands.RemoveCalendarEntryCommand;
import io.tandem.api.couple.CoupleEvents.CalendarEntryAddedEvent;
import io.tandem.api.couple.CoupleEvents.CalendarEntryChangedEvent;
import io.tandem.api.couple.CoupleEvents.CalendarEntryRemovedEvent;
import io.tandem.api.couple.CoupleResults.CalendarEntryDetails;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;
import io.tandem.command.couple.CoupleItems.Kind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A day in the couple's shared calendar: a title, a note and photos either partner uploaded. Adding and changing
 * go through {@link CalendarKeeping}, which checks the photos first. Title and note are the couple's personal data,
 * in snapshots as in events.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class CalendarEntry {

    @AggregateIdentifier
    private String entryId;
    @DataSubject
    private String coupleId;
    private LocalDate date;
    @PersonalData
    private String title;
    @PersonalData
    private String content;
    private List<String> imageIds;
    private boolean removed;

    CalendarEntry() {
        // required by Axon to rebuild the aggregate from its events
    }

    static CalendarEntry add(AddCalendarEntryCommand command) {
        CalendarEntry entry = new CalendarEntry();
        apply(new CalendarEntryAddedEvent(command.entryId(), command.coupleId(), command.date(), command.title(),
                                          command.content(), List.copyOf(command.imageIds()), command.userId()));
        return entry;
    }

    CalendarEntryDetails change(ChangeCalendarEntryCommand command) {
        requireOwnedBy(command.coupleId());
        CalendarEntryChangedEvent changed = new CalendarEntryChangedEvent(
                entryId, coupleId, Objects.requireNonNullElse(command.date(), date),
                Objects.requireNonNullElse(command.title(), title),
                command.content() == null ? content : blankToNull(command.content()),
                command.imageIds() == null ? imageIds : List.copyOf(command.imageIds()));
        if (!changed.equals(new CalendarEntryChangedEvent(entryId, coupleId, date, title, content, imageIds))) {
            apply(changed);
        }
        return details();
    }

    @CommandHandler
    void handle(RemoveCalendarEntryCommand command) {
        requireOwnedBy(command.coupleId());
        apply(new CalendarEntryRemovedEvent(entryId, coupleId));
    }

    CalendarEntryDetails details() {
        return new CalendarEntryDetails(entryId, date, title, content, imageIds);
    }

    void requireOwnedBy(String askingCouple) {
        if (removed || !askingCouple.equals(coupleId)) {
            throw CoupleRejections.notFound(Kind.CALENDAR_ENTRY);
        }
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    @EventSourcingHandler
    void on(CalendarEntryAddedEvent event) {
        entryId = event.entryId();
        coupleId = event.coupleId();
        date = event.date();
        title = event.title();
        content = event.content();
        imageIds = event.imageIds();
    }

    @EventSourcingHandler
    void on(CalendarEntryChangedEvent event) {
        date = event.date();
        title = event.title();
        content = event.content();
        imageIds = event.imageIds();
    }

    @EventSourcingHandler
    void on(CalendarEntryRemovedEvent event) {
        removed = true;
    }
}
