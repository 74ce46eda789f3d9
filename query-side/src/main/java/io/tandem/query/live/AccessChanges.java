package io.tandem.query.live;

import io.tandem.api.couple.CoupleEvents.CoupleDisconnectedEvent;
import io.tandem.api.identity.IdentityEvents.RoleGrantedEvent;
import io.tandem.api.identity.IdentityEvents.UserErasedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedOutEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Ends a user's live channels when what they may see changes: sign-out, erasure, a new role (their token's roles
 * are stale), or leaving a couple (the room they listen to is no longer theirs). Every node runs this for every
 * such event ({@link Live#PROCESSING_GROUP}), so channels end on whichever node holds them; channels opened with a
 * token issued after the change stay.
 */
@Component
@ProcessingGroup(Live.PROCESSING_GROUP)
class AccessChanges {

    private final ObjectProvider<UserChannels> channels;

    AccessChanges(ObjectProvider<UserChannels> channels) {
        this.channels = channels;
    }

    @EventHandler
    void on(UserSignedOutEvent event, @Timestamp Instant at) {
        end(event.userId(), at, "unauthenticated", "You signed out.");
    }

    @EventHandler
    void on(UserErasedEvent event, @Timestamp Instant at) {
        end(event.userId(), at, "unauthenticated", "The account was erased.");
    }

    @EventHandler
    void on(RoleGrantedEvent event, @Timestamp Instant at) {
        end(event.userId(), at, "unauthenticated", "Your role changed; reconnect with a new token.");
    }

    @EventHandler
    void on(CoupleDisconnectedEvent event, @Timestamp Instant at) {
        String detail = "The couple was disconnected.";
        end(event.disconnectedBy(), at, "forbidden", detail);
        end(event.partnerId(), at, "forbidden", detail);
    }

    private void end(String userId, Instant at, String code, String detail) {
        if (userId != null) {
            channels.forEach(open -> open.end(userId, at, code, detail));
        }
    }
}
