package io.tandem.command.identity;

import io.tandem.api.identity.IdentityEvents.RoleGrantedEvent;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedOutEvent;
import io.tandem.platform.security.SessionGenerations;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Ends the access tokens a user already holds when their sessions end (sign-out, a Kakao link), their account is
 * erased, or their roles change, so none of it waits for the tokens to expire (security review L9). A subscribing
 * processor: it runs in the unit of work that stores the event, so the change and its effect on tokens commit
 * together, and replays never repeat it.
 */
@Component
@ProcessingGroup(SessionRevocations.PROCESSING_GROUP)
class SessionRevocations {

    static final String PROCESSING_GROUP = "session-revocations";

    private final SessionGenerations sessions;

    SessionRevocations(SessionGenerations sessions) {
        this.sessions = sessions;
    }

    @EventHandler
    void on(UserSignedOutEvent event) {
        sessions.advance(event.userId());
    }

    @EventHandler
    void on(UserErasedEvent event) {
        sessions.advance(event.userId());
    }

    @EventHandler
    void on(RoleGrantedEvent event) {
        sessions.advance(event.userId());
    }
}
