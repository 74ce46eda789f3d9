package io.tandem.command.couple;

import io.tandem.api.couple.CoupleCommands.ChangeCoupleStartDateCommand;
import io.tandem.api.couple.CoupleCommands.DisconnectCoupleCommand;
import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleStartDateChangedEvent;
import io.tandem.platform.personaldata.PersonalDataKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Two users linked by an invite code, from the day they say they started. A couple ends when either partner
 * disconnects; it is never revived (linking again makes a new couple), so nothing of the old one comes back.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class Couple {

    @AggregateIdentifier
    private String coupleId;
    private String inviterId;
    private String inviteeId;
    private LocalDate startedOn;
    private boolean disconnected;

    Couple() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Linked by {@link CoupleLinking} once the invite is redeemed and both partners are claimed. */
    static Couple link(String coupleId, String inviterId, String inviteeId, LocalDate startedOn) {
        Couple couple = new Couple();
        apply(new CoupleLinkedEvent(coupleId, inviterId, inviteeId, startedOn));
        return couple;
    }

    @CommandHandler
    void handle(ChangeCoupleStartDateCommand command) {
        requirePartner(command.userId());
        if (!command.startedOn().equals(startedOn)) {
            apply(new CoupleStartDateChangedEvent(coupleId, command.startedOn(), command.userId()));
        }
    }

    /**
     * Releases both partners in the same unit of work, so either may link again as soon as this returns, and erases
     * the couple's key: nobody sees what an ended couple kept, so nothing of it should stay readable either.
     */
    @CommandHandler
    void handle(DisconnectCoupleCommand command, CoupleMembership membership, PersonalDataKeys keys) {
        requirePartner(command.userId());
        membership.release(coupleId);
        keys.erase(coupleId);
        String partnerId = command.userId().equals(inviterId) ? inviteeId : inviterId;
        apply(new CoupleDisconnectedEvent(coupleId, command.userId(), partnerId));
    }

    private void requirePartner(String userId) {
        if (disconnected || !(userId.equals(inviterId) || userId.equals(inviteeId))) {
            throw CoupleRejections.notInCouple();
        }
    }

    @EventSourcingHandler
    void on(CoupleLinkedEvent event) {
        coupleId = event.coupleId();
        inviterId = event.inviterId();
        inviteeId = event.inviteeId();
        startedOn = event.startedOn();
    }

    @EventSourcingHandler
    void on(CoupleStartDateChangedEvent event) {
        startedOn = event.startedOn();
    }

    @EventSourcingHandler
    void on(CoupleDisconnectedEvent event) {
        disconnected = true;
    }
}
