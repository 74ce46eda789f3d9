package io.tandem.api.identity;

import java.util.Set;

/**
 * The answer to a refresh-token rotation. A reused token is not an exception: the revocation of its family
 * must be stored, and a failing command would roll it back.
 */
public record RefreshOutcome(Status status, Set<Role> roles) {

    public enum Status { ROTATED, REUSE_DETECTED, REJECTED }

    public static RefreshOutcome rotated(Set<Role> roles) {
        return new RefreshOutcome(Status.ROTATED, roles);
    }

    public static RefreshOutcome reuseDetected() {
        return new RefreshOutcome(Status.REUSE_DETECTED, Set.of());
    }

    public static RefreshOutcome rejected() {
        return new RefreshOutcome(Status.REJECTED, Set.of());
    }
}
