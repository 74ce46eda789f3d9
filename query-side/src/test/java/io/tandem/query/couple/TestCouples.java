package io.tandem.query.couple;

import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;

/** The couples read model for projection tests of other read models that follow who is a couple (the chat). */
public final class TestCouples {

    private TestCouples() {
    }

    /** The projection, to hand to a {@code ProjectionHarness} with the read model under test. */
    public static Object projection(JdbcClient jdbc) {
        return new CoupleProjection(jdbc, new ActiveCouples(jdbc, CoupleProjectionTest.SEOUL));
    }

    public static CoupleLinkedEvent linked(String coupleId, String inviterId, String inviteeId) {
        return new CoupleLinkedEvent(coupleId, inviterId, inviteeId, LocalDate.of(2025, 1, 1));
    }
}
