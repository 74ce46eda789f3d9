package io.tandem.query.identity;

import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The user profile read model for projection tests of other read models that show profiles. */
public final class TestProfiles {

    private TestProfiles() {
    }

    /** The projection, to hand to a {@code ProjectionHarness} with the read model under test. */
    public static Object projection(JdbcClient jdbc) {
        return new UserProfileProjection(jdbc);
    }

    public static UserSignedUpEvent signedUp(String userId, String email, String name) {
        return new UserSignedUpEvent(userId, email, "{noop}secret", name, Role.USER, null, null);
    }
}
