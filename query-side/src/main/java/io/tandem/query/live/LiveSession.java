package io.tandem.query.live;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One STOMP session on this node: whose it is, how long its token lasts, what it subscribed to, and the budget
 * of frames it may still send ({@link #trySpend}, a token bucket: sessions live on one node, so this needs no
 * shared state).
 */
final class LiveSession {

    private final String id;
    private final String userId;
    private final Instant tokenIssuedAt;
    private final Instant tokenExpiresAt;
    private final Set<String> subscriptions = new HashSet<>();
    private final double burst;
    private final double perSecond;
    private double frames;
    private long refilledAtNanos = System.nanoTime();

    LiveSession(String id, String userId, Instant tokenIssuedAt, Instant tokenExpiresAt, int burst,
                double perSecond) {
        this.id = id;
        this.userId = userId;
        this.tokenIssuedAt = tokenIssuedAt;
        this.tokenExpiresAt = tokenExpiresAt;
        this.burst = burst;
        this.perSecond = perSecond;
        this.frames = burst;
    }

    String id() {
        return id;
    }

    String userId() {
        return userId;
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    boolean issuedBefore(Instant moment) {
        return tokenIssuedAt == null || tokenIssuedAt.isBefore(moment);
    }

    boolean expired() {
        return tokenExpiresAt != null && !tokenExpiresAt.isAfter(Instant.now());
    }

    /** Records a subscription; false when the session already holds {@code max}. */
    synchronized boolean subscribe(String subscriptionId, int max) {
        return subscriptions.contains(subscriptionId) || subscriptions.size() < max && subscriptions.add(
                subscriptionId);
    }

    synchronized void unsubscribe(String subscriptionId) {
        subscriptions.remove(subscriptionId);
    }

    /** Takes one frame from the budget; false when it is spent. */
    synchronized boolean trySpend() {
        long now = System.nanoTime();
        frames = Math.min(burst, frames + (now - refilledAtNanos) / 1e9 * perSecond);
        refilledAtNanos = now;
        if (frames < 1) {
            return false;
        }
        frames--;
        return true;
    }
}
