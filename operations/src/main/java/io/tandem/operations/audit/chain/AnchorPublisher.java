package io.tandem.operations.audit.chain;

import io.tandem.operations.audit.chain.ChainStore.Head;
import io.tandem.platform.storage.FileStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Publishes the chain's newest link outside the database every so often: to the log (ELK keeps it), to the
 * {@code audit_anchor} table, and to the file storage (S3 in services mode) when configured. A chain rewritten
 * after an anchor was published no longer ends in the anchor's hash: verify from the anchor shows it.
 */
class AnchorPublisher {

    private static final Logger log = LoggerFactory.getLogger(AnchorPublisher.class);
    static final String STORAGE_PREFIX = "audit-anchors/";

    private final ChainStore store;
    private final FileStorage storage;
    private final Duration interval;
    private final Clock clock;
    private Instant last = Instant.MIN;

    /** @param storage where anchors are also written; null when they go to the log and the table only */
    AnchorPublisher(ChainStore store, FileStorage storage, Duration interval, Clock clock) {
        this.store = store;
        this.storage = storage;
        this.interval = interval;
        this.clock = clock;
    }

    synchronized void publishIfDue() {
        Instant now = clock.instant();
        if (last.plus(interval).isAfter(now)) {
            return;
        }
        Head head = store.head();
        if (head.position() == null) {
            return; // nothing chained yet: the first link is anchored as soon as there is one
        }
        last = now;
        if (!store.anchor(head)) {
            return;
        }
        String anchor = "{\"global_position\":%d,\"hash\":\"%s\",\"links\":%d,\"anchored_at\":\"%s\"}"
                .formatted(head.position(), ChainHash.hex(head.hash()), head.links(), now);
        log.info("Audit chain anchor {}", anchor);
        if (storage != null) {
            byte[] bytes = anchor.getBytes(StandardCharsets.UTF_8);
            storage.put(STORAGE_PREFIX + "%020d.json".formatted(head.position()), new ByteArrayInputStream(bytes),
                        bytes.length, "application/json");
        }
    }
}
