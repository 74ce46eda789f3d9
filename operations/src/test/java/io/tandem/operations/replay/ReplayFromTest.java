package io.tandem.operations.replay;

import io.tandem.api.RejectedException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayFromTest {

    @Test
    void readsTailHeadTimestampsAndPositions() {
        assertThat(ReplayFrom.parse(" Tail ")).isEqualTo(new ReplayFrom(ReplayFrom.Kind.TAIL, null));
        assertThat(ReplayFrom.parse("HEAD").describe()).isEqualTo("head");
        assertThat(ReplayFrom.parse("2026-12-06T17:00:00+09:00"))
                .isEqualTo(new ReplayFrom(ReplayFrom.Kind.TIMESTAMP, "2026-12-06T08:00:00Z"));
        assertThat(ReplayFrom.parse("2026-12-06T08:00:00.250Z").value()).isEqualTo("2026-12-06T08:00:00.250Z");
        assertThat(ReplayFrom.parse("1200")).isEqualTo(new ReplayFrom(ReplayFrom.Kind.POSITION, "1200"));
        assertThat(ReplayFrom.of("POSITION", "1200").describe()).isEqualTo("1200");
    }

    @Test
    void refusesAnythingElse() {
        for (String malformed : List.of("", " ", "yesterday", "-5", "12.5", "2026-12-06", "2026-13-01T00:00:00Z",
                                        "1234567890123456789012")) {
            assertThatThrownBy(() -> ReplayFrom.parse(malformed)).as(malformed)
                    .isInstanceOfSatisfying(RejectedException.class, e -> {
                        assertThat(e.rejection().code()).isEqualTo("invalid_from");
                        assertThat(e.rejection().kind().status()).isEqualTo(400);
                    });
        }
        assertThatThrownBy(() -> ReplayFrom.parse(null)).isInstanceOf(RejectedException.class);
    }
}
