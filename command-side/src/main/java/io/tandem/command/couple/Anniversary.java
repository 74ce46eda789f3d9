package io.tandem.command.couple;

import io.tandem.api.couple.CoupleCommands.AddAnniversaryCommand;
import io.tandem.api.couple.CoupleCommands.ChangeAnniversaryCommand;
import io.tandem.api.couple.CoupleCommands.RemoveAnniversaryCommand;
import io.tandem.api.couple.CoupleEvents.AnniversaryAddedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryChangedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryRemovedEvent;
import io.tandem.api.couple.CoupleResults.AnniversaryDetails;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;
import io.tandem.command.couple.CoupleItems.Kind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A date the couple keeps, once or every year. Only its couple may change it; to anyone else it does not exist. Its
 * title is the couple's personal data, in snapshots as in events.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class Anniversary {

    @AggregateIdentifier
    private String anniversaryId;
    @DataSubject
    private String coupleId;
    @PersonalData
    private String title;
    private LocalDate date;
    private boolean yearly;
    private boolean removed;

    Anniversary() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    AnniversaryDetails handle(AddAnniversaryCommand command, CoupleItems items) {
        items.register(command.anniversaryId(), command.coupleId(), Kind.ANNIVERSARY);
        apply(new AnniversaryAddedEvent(command.anniversaryId(), command.coupleId(), command.title(), command.date(),
                                        command.yearly(), command.userId()));
        return details();
    }

    @CommandHandler
    AnniversaryDetails handle(ChangeAnniversaryCommand command) {
        requireOwnedBy(command.coupleId());
        AnniversaryChangedEvent changed = new AnniversaryChangedEvent(
                anniversaryId, coupleId, Objects.requireNonNullElse(command.title(), title),
                Objects.requireNonNullElse(command.date(), date), Objects.requireNonNullElse(command.yearly(), yearly));
        if (!changed.title().equals(title) || !changed.date().equals(date) || changed.yearly() != yearly) {
            apply(changed);
        }
        return details();
    }

    @CommandHandler
    void handle(RemoveAnniversaryCommand command) {
        requireOwnedBy(command.coupleId());
        apply(new AnniversaryRemovedEvent(anniversaryId, coupleId));
    }

    AnniversaryDetails details() {
        return new AnniversaryDetails(anniversaryId, title, date, yearly);
    }

    private void requireOwnedBy(String askingCouple) {
        if (removed || !askingCouple.equals(coupleId)) {
            throw CoupleRejections.notFound(Kind.ANNIVERSARY);
        }
    }

    @EventSourcingHandler
    void on(AnniversaryAddedEvent event) {
        anniversaryId = event.anniversaryId();
        coupleId = event.coupleId();
        title = event.title();
        date = event.date();
        yearly = event.yearly();
    }

    @EventSourcingHandler
    void on(AnniversaryChangedEvent event) {
        title = event.title();
        date = event.date();
        yearly = event.yearly();
    }

    @EventSourcingHandler
    void on(AnniversaryRemovedEvent event) {
        removed = true;
    }
}
