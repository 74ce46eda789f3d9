package io.tandem.command.couple;

import io.tandem.api.couple.CoupleCommands.DisconnectCoupleCommand;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.command.identity.ErasureReactions;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * An erased person leaves their couple: it is disconnected as if they had done it (the partner is told and free to
 * link again at once, the couple's key goes with it), and their invite codes stop working. Both steps find nothing
 * left to do when the event is handled again.
 */
@Component
@ProcessingGroup(ErasureReactions.PROCESSING_GROUP)
@SideEffect("ends an erased person's couple (commands)")
class CoupleErasure {

    private final CommandGateway commands;
    private final CoupleMembership membership;
    private final InviteCodes codes;

    CoupleErasure(CommandGateway commands, CoupleMembership membership, InviteCodes codes) {
        this.commands = commands;
        this.membership = membership;
        this.codes = codes;
    }

    @EventHandler
    void on(UserErasedEvent event) {
        codes.forgetCodesOf(event.userId());
        membership.coupleOf(event.userId()).ifPresent(
                coupleId -> commands.sendAndWait(new DisconnectCoupleCommand(coupleId, event.userId())));
    }
}
