package io.tandem.operations.audit.chain;

import io.tandem.operations.audit.chain.ChainStore.Head;

import java.time.Instant;

/**
 * What verify found.
 *
 * @param firstBadPosition the first global position whose stored event no longer matches the chain; null when ok
 * @param reason           {@code event_changed} (its bytes differ), {@code event_missing} (it is gone),
 *                         {@code event_not_chained} (it appeared below the chain's head afterwards) or
 *                         {@code anchor_mismatch} (the chain itself differs from the anchor given)
 * @param checked          events recomputed
 * @param chainedTo        the chain's head: newer events are not chained yet (they are a beat behind)
 */
record Verification(boolean ok, Long firstBadPosition, String reason, long checked, Long chainedTo, long links,
                    String headHash, Instant chainUpdatedAt, double seconds) {

    static Verification ok(long checked, Head head, long startedNanos) {
        return new Verification(true, null, null, checked, head.position(), head.links(),
                                ChainHash.hex(head.hash()), head.updatedAt(), elapsed(startedNanos));
    }

    static Verification broken(long position, String reason, long checked, Head head, long startedNanos) {
        return new Verification(false, position, reason, checked, head.position(), head.links(),
                                ChainHash.hex(head.hash()), head.updatedAt(), elapsed(startedNanos));
    }

    private static double elapsed(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e6) / 1000.0;
    }
}
