package io.tandem.query.live;

import java.time.Instant;

/**
 * Live channels a node holds open for its users (STOMP sessions, notification streams). They live no longer than
 * the access token that opened them, and end early when the user's access changes.
 */
public interface UserChannels {

    /**
     * Ends the user's channels on this node that were opened with a token issued before {@code changedAt}, telling
     * the client why: a stable {@code code} and a {@code detail}.
     */
    void end(String userId, Instant changedAt, String code, String detail);
}
