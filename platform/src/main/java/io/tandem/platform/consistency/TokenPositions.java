package io.tandem.platform.consistency;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Global indexes in tracking tokens. PostgreSQL's tokens ({@link GapAwareTrackingToken}) list the indexes below
 * their position that were not committed when the processor read past them; such a gap may commit later (a slow
 * transaction) or never (a rolled-back one). So "the processor has handled index i" means: its position is at or
 * past i and i is not one of its gaps, which is not what {@link TrackingToken#covers} answers for a token built
 * for i (that one also waits for every older gap to close). Axon Server's tokens have no gaps.
 */
final class TokenPositions {

    private TokenPositions() {
    }

    /** The global index a token (a head token, say) stands at. */
    static OptionalLong index(TrackingToken token) {
        TrackingToken raw = WrappedToken.unwrapLowerBound(token);
        if (raw instanceof GapAwareTrackingToken gapAware) {
            return OptionalLong.of(gapAware.getIndex());
        }
        if (raw instanceof GlobalSequenceTrackingToken global) {
            return OptionalLong.of(global.getGlobalIndex());
        }
        return OptionalLong.empty();
    }

    /** Whether a processor at {@code token} has handled the event at {@code index}. */
    static boolean handled(TrackingToken token, long index) {
        TrackingToken raw = WrappedToken.unwrapLowerBound(token);
        if (raw instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= index && !gapAware.getGaps().contains(index);
        }
        if (raw instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex() >= index;
        }
        return raw != null && raw.position().orElse(-1) >= index;
    }

    /** The gaps of a token below {@code index}: events the processor skipped that may yet commit. */
    static SortedSet<Long> gapsBelow(TrackingToken token, long index) {
        TrackingToken raw = WrappedToken.unwrapLowerBound(token);
        if (raw instanceof GapAwareTrackingToken gapAware) {
            return new TreeSet<>(gapAware.getGaps().headSet(index));
        }
        return new TreeSet<>();
    }
}
