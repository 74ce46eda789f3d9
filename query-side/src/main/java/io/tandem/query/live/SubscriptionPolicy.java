package io.tandem.query.live;

/**
 * Decides whether a user may subscribe to a destination under {@code /topic}. Features that publish to topics
 * contribute one each; a destination no policy claims is refused.
 */
public interface SubscriptionPolicy {

    /** Whether this policy is the one that decides for {@code destination}. */
    boolean governs(String destination);

    boolean allows(String userId, String destination);
}
