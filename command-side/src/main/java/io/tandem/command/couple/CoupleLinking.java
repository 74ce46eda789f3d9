package io.tandem.command.couple;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleCommands;
import io.tandem.api.couple.CoupleCommands.MatchCoupleCommand;
import io.tandem.api.couple.CoupleResults.LinkedCouple;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Makes a couple out of an invite code, in one unit of work: the invite is spent, both partners are claimed in the
 * {@link CoupleMembership} and the couple is linked, or none of it happens. Two matches that would put one user in
 * two couples cannot both commit: the second one's claim hits the first one's row.
 */
@Component
class CoupleLinking {

    private final InviteCodes codes;
    private final CoupleMembership membership;
    private final Repository<CoupleInvite> invites;
    private final Repository<Couple> couples;

    CoupleLinking(InviteCodes codes, CoupleMembership membership, Repository<CoupleInvite> invites,
                  Repository<Couple> couples) {
        this.codes = codes;
        this.membership = membership;
        this.invites = invites;
        this.couples = couples;
    }

    @CommandHandler
    LinkedCouple handle(MatchCoupleCommand command) throws Exception {
        String inviterId = codes.inviterOf(command.code()).orElseThrow(CoupleRejections::inviteNotFound);
        if (inviterId.equals(command.userId())) {
            throw new RejectedException(Rejection.invalid("own_invite",
                                                          "This is your own invite code: give it to your partner."));
        }
        // a spent or expired code says so even when its inviter is in a couple by now
        invites.load(CoupleCommands.invitationId(inviterId))
               .execute(invite -> invite.redeem(command.code(), command.userId(), command.coupleId()));
        if (membership.coupleOf(command.userId()).isPresent()) {
            throw CoupleRejections.alreadyInCouple();
        }
        if (membership.coupleOf(inviterId).isPresent()) {
            // the code is no good any more; who its inviter is with is not the redeemer's business (L7)
            throw CoupleRejections.inviteNotFound();
        }
        membership.claim(command.coupleId(), inviterId, command.userId());
        couples.newInstance(() -> Couple.link(command.coupleId(), inviterId, command.userId(), command.startedOn()));
        return new LinkedCouple(command.coupleId(), inviterId, command.startedOn());
    }
}
