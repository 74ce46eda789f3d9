package io.tandem.command.couple;

import io.tandem.api.couple.CoupleCommands.IssueCoupleInviteCommand;
import io.tandem.api.couple.CoupleEvents.CoupleInviteIssuedEvent;
import io.tandem.api.couple.CoupleEvents.CoupleInviteRedeemedEvent;
import io.tandem.api.couple.CoupleResults.IssuedInvite;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's invitation to become a couple: the code they hand to their partner. Only the latest code counts, it
 * is good for one match, and only until it expires. One aggregate per inviter, so redemptions of the same code
 * run one after another and only the first can succeed.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
class CoupleInvite {

    @AggregateIdentifier
    private String invitationId;
    private String inviterId;
    private String code;
    private Instant expiresAt;
    private boolean redeemed;

    CoupleInvite() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    IssuedInvite handle(IssueCoupleInviteCommand command, CoupleMembership membership, InviteCodes codes) {
        if (membership.coupleOf(command.inviterId()).isPresent()) {
            throw CoupleRejections.alreadyInCouple();
        }
        String newCode = codes.issue(command.inviterId());
        apply(new CoupleInviteIssuedEvent(command.invitationId(), command.inviterId(), newCode,
                                          command.expiresAt()));
        return new IssuedInvite(newCode, command.expiresAt());
    }

    /**
     * Called by {@link CoupleLinking} when someone types the code in. A replaced, spent or expired code answers like
     * one that never existed, so guessing codes tells nobody which ones exist (security review L7).
     */
    void redeem(String typedCode, String redeemerId, String coupleId) {
        // the event clock, so that fixtures can move time
        if (!typedCode.equals(code) || redeemed || !GenericEventMessage.clock.instant().isBefore(expiresAt)) {
            throw CoupleRejections.inviteNotFound();
        }
        apply(new CoupleInviteRedeemedEvent(invitationId, inviterId, code, redeemerId, coupleId));
    }

    @EventSourcingHandler
    void on(CoupleInviteIssuedEvent event) {
        invitationId = event.invitationId();
        inviterId = event.inviterId();
        code = event.code();
        expiresAt = event.expiresAt();
        redeemed = false;
    }

    @EventSourcingHandler
    void on(CoupleInviteRedeemedEvent event) {
        redeemed = true;
    }
}
