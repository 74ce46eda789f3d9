package io.tandem.operations.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The audit trail's settings ({@code tandem.audit.*}, README "Audit trail").
 *
 * @param index  the event index read model
 * @param chain  the hash chain over the stored events
 * @param export the exports
 * @param tail   the live tail of the event search
 */
@ConfigurationProperties(prefix = "tandem.audit")
public record AuditProperties(Index index, Chain chain, Export export, Tail tail) {

    public AuditProperties {
        index = index == null ? new Index(null) : index;
        chain = chain == null ? new Chain(null, null, null, 0, null, null) : chain;
        export = export == null ? new Export(0) : export;
        tail = tail == null ? new Tail(null, null) : tail;
    }

    /** @param enabled whether this node runs the {@code audit-event-index} processor (one side is enough) */
    public record Index(Boolean enabled) {
        public Index {
            enabled = enabled == null || enabled;
        }
    }

    /**
     * @param enabled        whether this node takes part in extending the chain (one node at a time does)
     * @param delay          how far behind the head the chain stays: only events stored longer ago are chained, so
     *                       a transaction that commits late cannot slip an event in below the chain
     * @param interval       how often the chain is extended
     * @param batchSize      events chained per transaction
     * @param anchorInterval how often the newest link is published as an anchor
     * @param anchorToStorage whether anchors are also written to the file storage (S3 in services mode)
     */
    public record Chain(Boolean enabled, Duration delay, Duration interval, int batchSize, Duration anchorInterval,
                        Boolean anchorToStorage) {
        public Chain {
            enabled = enabled == null || enabled;
            delay = delay == null ? Duration.ofSeconds(5) : delay;
            interval = interval == null ? Duration.ofSeconds(1) : interval;
            batchSize = batchSize <= 0 ? 5_000 : batchSize;
            anchorInterval = anchorInterval == null ? Duration.ofMinutes(10) : anchorInterval;
            anchorToStorage = anchorToStorage != null && anchorToStorage;
        }
    }

    /** @param maxEvents the most events one export may hold; a larger one is refused with 400 naming this limit */
    public record Export(long maxEvents) {
        public Export {
            maxEvents = maxEvents <= 0 ? 100_000 : maxEvents;
        }
    }

    /**
     * @param interval how often an open live tail looks for new events
     * @param timeout  how long a live tail stays open before the client reconnects (with Last-Event-ID)
     */
    public record Tail(Duration interval, Duration timeout) {
        public Tail {
            interval = interval == null ? Duration.ofSeconds(1) : interval;
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        }
    }
}
