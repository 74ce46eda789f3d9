package io.tandem.operations.processor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentSamplerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");

    private final SegmentSampler sampler = new SegmentSampler(Duration.ofSeconds(30));

    @Test
    void measuresPositionsPerSecondOverTheWindow() {
        sampler.observe("bookings", 0, 100L, T0);
        sampler.observe("bookings", 0, 300L, T0.plusSeconds(10));
        var measured = sampler.observe("bookings", 0, 500L, T0.plusSeconds(20));

        assertThat(measured.eventsPerSecond()).isEqualTo(20.0);
        assertThat(measured.unmovedSeconds()).isZero();
    }

    @Test
    void forgetsSamplesOlderThanTheWindow() {
        sampler.observe("bookings", 0, 0L, T0);
        sampler.observe("bookings", 0, 1000L, T0.plusSeconds(10));
        sampler.observe("bookings", 0, 1100L, T0.plusSeconds(40));
        var measured = sampler.observe("bookings", 0, 1200L, T0.plusSeconds(50));

        // the samples at T0 and T0+10s fell out of the 30 s window; from T0+40s: 100 positions in 10 s
        assertThat(measured.eventsPerSecond()).isEqualTo(10.0);
    }

    @Test
    void countsHowLongThePositionHasNotMoved() {
        sampler.observe("bookings", 0, 7L, T0);
        sampler.observe("bookings", 0, 7L, T0.plusSeconds(20));
        var measured = sampler.observe("bookings", 0, 7L, T0.plusSeconds(45));

        assertThat(measured.unmovedSeconds()).isEqualTo(45.0);
        assertThat(measured.eventsPerSecond()).isZero();
    }

    @Test
    void aResetStartsTheMeasurementAfresh() {
        sampler.observe("bookings", 0, 900L, T0);
        sampler.observe("bookings", 0, 1000L, T0.plusSeconds(10));
        var afterReset = sampler.observe("bookings", 0, 5L, T0.plusSeconds(20));

        assertThat(afterReset.eventsPerSecond()).isNull();
        assertThat(afterReset.unmovedSeconds()).isZero();
    }

    @Test
    void theFirstHandledEventStartsTheMeasurement() {
        sampler.observe("bookings", 0, null, T0);
        sampler.observe("bookings", 0, 40L, T0.plusSeconds(10));
        var measured = sampler.observe("bookings", 0, 60L, T0.plusSeconds(20));

        assertThat(measured.eventsPerSecond()).isEqualTo(2.0);
    }

    @Test
    void aSegmentThatLeftAndCameBackIsMeasuredAfresh() {
        sampler.observe("bookings", 1, 10L, T0);
        sampler.retainOnly(Set.of());
        var measured = sampler.observe("bookings", 1, 10L, T0.plusSeconds(100));

        assertThat(measured.unmovedSeconds()).isZero();
        assertThat(measured.eventsPerSecond()).isNull();
    }
}
