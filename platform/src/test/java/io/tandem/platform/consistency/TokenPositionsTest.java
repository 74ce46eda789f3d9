package io.tandem.platform.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a processor at some token has handled the event at a global index, with and without gaps. */
class TokenPositionsTest {

    @Test
    void aPostgresTokenHasHandledAnIndexAtOrBelowItsPositionUnlessThatIndexIsOneOfItsGaps() {
        TrackingToken token = GapAwareTrackingToken.newInstance(10, List.of(7L, 9L));

        assertThat(TokenPositions.handled(token, 10)).isTrue();
        assertThat(TokenPositions.handled(token, 8)).as("an older gap does not hold up a later event").isTrue();
        assertThat(TokenPositions.handled(token, 9)).as("the event itself is still a gap").isFalse();
        assertThat(TokenPositions.handled(token, 11)).isFalse();
        assertThat(TokenPositions.gapsBelow(token, 10)).containsExactly(7L, 9L);
        assertThat(TokenPositions.gapsBelow(token, 8)).containsExactly(7L);
    }

    @Test
    void whatAxonsCoversWouldAnswerForTheSameQuestionWaitsForOlderGaps() {
        TrackingToken processor = GapAwareTrackingToken.newInstance(10, List.of(7L));
        TrackingToken event = GapAwareTrackingToken.newInstance(8, List.of());

        assertThat(processor.covers(event)).isFalse();
        assertThat(TokenPositions.handled(processor, 8)).isTrue();
    }

    @Test
    void anAxonServerTokenHasNoGaps() {
        TrackingToken token = new GlobalSequenceTrackingToken(41);

        assertThat(TokenPositions.handled(token, 41)).isTrue();
        assertThat(TokenPositions.handled(token, 42)).isFalse();
        assertThat(TokenPositions.gapsBelow(token, 41)).isEmpty();
        assertThat(TokenPositions.index(token)).hasValue(41);
    }

    @Test
    void aReplayOrMergeCountsWhereItsSlowerPartIs() {
        TrackingToken replaying = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100),
                                                                new GlobalSequenceTrackingToken(20));
        TrackingToken merging = new MergedTrackingToken(new GlobalSequenceTrackingToken(50),
                                                        new GlobalSequenceTrackingToken(30));

        assertThat(TokenPositions.handled(replaying, 20)).isTrue();
        assertThat(TokenPositions.handled(replaying, 21)).isFalse();
        assertThat(TokenPositions.handled(merging, 30)).isTrue();
        assertThat(TokenPositions.handled(merging, 31)).isFalse();
    }

    @Test
    void noTokenHasHandledNothing() {
        assertThat(TokenPositions.handled(null, 0)).isFalse();
        assertThat(TokenPositions.index(null)).isEmpty();
    }
}
