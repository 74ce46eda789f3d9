package io.tandem.operations.audit.chain;

import io.tandem.operations.audit.AuditRequests;
import io.tandem.operations.audit.chain.ChainStore.Head;
import io.tandem.operations.audit.chain.ChainStore.Link;
import io.tandem.operations.audit.store.StoredEvent;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.events.EventPositions;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Recomputes the chain from the stored events and compares it link by link, from the start or from an anchor, up to
 * the chain's head. The first position where they part is the answer: an event whose bytes changed, an event that
 * is gone, or an event the chain never saw (one inserted below the head afterwards).
 */
class ChainVerifier {

    private static final int LINK_PAGE = 5_000;

    private final ChainStore store;
    private final StoredEvents events;
    private final EventPositions positions;

    ChainVerifier(ChainStore store, StoredEvents events, EventPositions positions) {
        this.store = store;
        this.events = events;
        this.positions = positions;
    }

    Verification verify(Long fromPosition, String fromHash) {
        long started = System.nanoTime();
        Head head = store.head();
        byte[] previous = ChainHash.GENESIS;
        long from = positions.beforeFirst() + 1;
        if (fromPosition != null) {
            byte[] anchored = store.linkAt(fromPosition).orElseThrow(() -> AuditRequests.notFound(
                    "anchor_not_found", "The chain has no link at position " + fromPosition + "."));
            if (fromHash != null && !Arrays.equals(anchored, hash(fromHash))) {
                return Verification.broken(fromPosition, "anchor_mismatch", 0, head, started);
            }
            previous = anchored;
            from = fromPosition + 1;
        }
        if (head.position() == null || from > head.position()) {
            return Verification.ok(0, head, started);
        }
        Walk walk = new Walk(from, head.position(), previous);
        events.range(from, head.position(), walk::event);
        if (walk.broken == null) {
            walk.leftoverLink();
        }
        return walk.broken == null ? Verification.ok(walk.checked, head, started)
                                   : Verification.broken(walk.broken, walk.reason, walk.checked, head, started);
    }

    private static byte[] hash(String hex) {
        try {
            byte[] parsed = HexFormat.of().parseHex(hex.strip());
            if (parsed.length != ChainHash.LENGTH) {
                throw new IllegalArgumentException("length");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw AuditRequests.invalid("invalid_hash", "from_hash must be 64 hexadecimal digits (SHA-256).");
        }
    }

    /** Events and links side by side, both in global order. */
    private final class Walk {

        private final long to;
        private final ChainHash hash = new ChainHash();
        private final Deque<Link> links = new ArrayDeque<>();
        private long nextLinkFrom;
        private byte[] previous;
        private long checked;
        private Long broken;
        private String reason;

        Walk(long from, long to, byte[] previous) {
            this.nextLinkFrom = from;
            this.to = to;
            this.previous = previous;
        }

        boolean event(StoredEvent event) {
            Link link = nextLink();
            if (link != null && link.position() < event.globalPosition()) {
                return stop(link.position(), "event_missing");
            }
            if (link == null || link.position() > event.globalPosition()) {
                return stop(event.globalPosition(), "event_not_chained");
            }
            links.poll();
            previous = hash.next(previous, event);
            if (!Arrays.equals(previous, link.hash())) {
                return stop(event.globalPosition(), "event_changed");
            }
            checked++;
            return true;
        }

        void leftoverLink() {
            Link link = nextLink();
            if (link != null) {
                stop(link.position(), "event_missing");
            }
        }

        private Link nextLink() {
            if (links.isEmpty() && nextLinkFrom <= to) {
                links.addAll(store.links(nextLinkFrom, to, LINK_PAGE));
                nextLinkFrom = links.isEmpty() ? to + 1 : links.peekLast().position() + 1;
            }
            return links.peek();
        }

        private boolean stop(long position, String why) {
            broken = position;
            reason = why;
            return false;
        }
    }
}
