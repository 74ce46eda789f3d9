package io.tandem.platform.pipeline;

import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterDiagnosticsTest {

    private static final DeadLetterProperties POLICY =
            new DeadLetterProperties(Duration.ofSeconds(10), Duration.ofMinutes(1), 3, Duration.ofSeconds(5),
                                     Duration.ofSeconds(30));
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void theDelayDoublesUpToTheLongest() {
        assertThat(POLICY.delayAfter(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(POLICY.delayAfter(1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(POLICY.delayAfter(2)).isEqualTo(Duration.ofSeconds(40));
        assertThat(POLICY.delayAfter(3)).isEqualTo(Duration.ofMinutes(1));
        assertThat(POLICY.delayAfter(1000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aFirstFailureSchedulesTheFirstRetry() {
        MetaData first = DeadLetterDiagnostics.afterFailure(MetaData.emptyInstance(),
                                                            new IllegalStateException("boom"), NOW, POLICY, false);
        assertThat(first).containsEntry("retries", 0)
                         .containsEntry("state", "retrying")
                         .containsEntry("next_retry_at", "2026-12-06T10:00:10Z")
                         .containsEntry("last_error", "java.lang.IllegalStateException: boom");
        assertThat(first.get("top_frame").toString())
                .startsWith("io.tandem.platform.pipeline.DeadLetterDiagnosticsTest.aFirstFailureSchedulesTheFirstRetry:");
    }

    @Test
    void theTopFrameIsTheFirstOfTandemsOwnCodeElseTheFirstOfAll() {
        RuntimeException library = new RuntimeException("translated");
        library.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.springframework.jdbc.Translator", "translate", "Translator.java", 12),
                new StackTraceElement("io.tandem.query.booking.BookingProjection", "on", "BookingProjection.java", 70),
                new StackTraceElement("io.tandem.platform.pipeline.SavepointPerEvent", "handle", null, 30)});
        assertThat(FailureText.topFrame(library)).isEqualTo("io.tandem.query.booking.BookingProjection.on:70");

        RuntimeException wrapper = new RuntimeException("outer", library);
        wrapper.setStackTrace(new StackTraceElement[]{new StackTraceElement("org.axonframework.X", "y", null, 1)});
        assertThat(FailureText.topFrame(wrapper)).as("found in a cause")
                                                 .isEqualTo("io.tandem.query.booking.BookingProjection.on:70");

        RuntimeException foreign = new RuntimeException("foreign");
        foreign.setStackTrace(new StackTraceElement[]{new StackTraceElement("org.postgresql.Q", "receive", null, 5)});
        assertThat(FailureText.topFrame(foreign)).isEqualTo("org.postgresql.Q.receive:5");
        foreign.setStackTrace(new StackTraceElement[0]);
        assertThat(FailureText.topFrame(foreign)).isEmpty();
    }

    @Test
    void failedRetriesCountUntilTheLetterIsParked() {
        MetaData diagnostics = MetaData.with("retries", 1).and("state", "retrying");
        MetaData second = DeadLetterDiagnostics.afterFailure(diagnostics, new RuntimeException("x"), NOW, POLICY,
                                                             true);
        assertThat(second).containsEntry("retries", 2).containsEntry("next_retry_at", "2026-12-06T10:00:40Z");

        MetaData parked = DeadLetterDiagnostics.afterFailure(second, new RuntimeException("x"), NOW, POLICY, true);
        assertThat(parked).containsEntry("retries", 3).containsEntry("state", "parked")
                          .doesNotContainKey("next_retry_at");
        assertThat(DeadLetterDiagnostics.isDue(parked, NOW.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void aRetryThatMetAnOutageDoesNotCount() {
        MetaData diagnostics = MetaData.with("retries", 2).and("state", "retrying");
        MetaData after = DeadLetterDiagnostics.afterFailure(diagnostics, new RuntimeException("down"), NOW, POLICY,
                                                            false);
        assertThat(after).containsEntry("retries", 2).containsEntry("next_retry_at", "2026-12-06T10:00:40Z");
    }

    @Test
    void aLetterIsDueOnceItsTimeHasComeOrWhenItNeverHadOne() {
        MetaData scheduled = MetaData.with("state", "retrying").and("next_retry_at", "2026-12-06T10:00:10Z");
        assertThat(DeadLetterDiagnostics.isDue(scheduled, NOW)).isFalse();
        assertThat(DeadLetterDiagnostics.isDue(scheduled, NOW.plusSeconds(10))).isTrue();
        assertThat(DeadLetterDiagnostics.isDue(MetaData.emptyInstance(), NOW)).as("queued behind another").isTrue();
    }

    @Test
    void failureTextNeverHoldsWhatPostgresqlRefuses() {
        String text = FailureText.of(new IllegalArgumentException("bad\u0000value\u0007 " + "x".repeat(5000)));
        assertThat(text).doesNotContain("\u0000", "\u0007").startsWith(
                "java.lang.IllegalArgumentException: bad?value? ").hasSize(FailureText.MAX_LENGTH);
        assertThat(FailureText.clean("a\uD83D\uDE00b\uD800")).isEqualTo("a\uD83D\uDE00b?");
    }
}
