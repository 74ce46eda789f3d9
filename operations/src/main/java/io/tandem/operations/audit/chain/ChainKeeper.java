package io.tandem.operations.audit.chain;

import io.tandem.operations.node.NodeLoop;
import io.tandem.operations.audit.AuditProperties;
import io.tandem.operations.audit.chain.ChainStore.Head;
import io.tandem.operations.audit.chain.ChainStore.Link;
import io.tandem.operations.audit.store.StoredEvents;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.events.EventPositions.StoredPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extends the hash chain a beat behind the head: every {@code tandem.audit.chain.interval} it links the stored events
 * after the chain's head, in global order, up to the first one stored less than {@code delay} ago (an event whose
 * transaction is still open may yet appear below it). Any node may run it; the head row's lock lets one at a time.
 * Every {@code anchor-interval} the newest link is published as an anchor.
 */
class ChainKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainKeeper.class);

    private final ChainStore store;
    private final StoredEvents events;
    private final EventPositions positions;
    private final TransactionTemplate transactions;
    private final AnchorPublisher anchors;
    private final AuditProperties.Chain settings;
    private final NodeLoop loop;

    ChainKeeper(ChainStore store, StoredEvents events, EventPositions positions, TransactionTemplate transactions,
                AnchorPublisher anchors, AuditProperties properties) {
        this.store = store;
        this.events = events;
        this.positions = positions;
        this.transactions = transactions;
        this.anchors = anchors;
        this.settings = properties.chain();
        this.loop = new NodeLoop("audit-chain-keeper", settings.interval(), settings.interval(), this::run);
    }

    /** Links one batch; answers how many events it linked (0 when another node holds the chain or none is due). */
    int extend() {
        Integer linked = transactions.execute(status -> {
            Optional<Head> locked = store.lockHead();
            Optional<StoredPosition> storeHead = positions.head();
            if (locked.isEmpty() || storeHead.isEmpty()) {
                return 0;
            }
            Head head = locked.get();
            long from = head.position() == null ? positions.beforeFirst() + 1 : head.position() + 1;
            Instant horizon = Instant.now().minus(settings.delay());
            List<Link> added = new ArrayList<>();
            ChainHash hash = new ChainHash();
            byte[][] previous = {head.hash()};
            events.range(from, storeHead.get().position(), event -> {
                if (event.timestamp().isAfter(horizon)) {
                    return false;
                }
                previous[0] = hash.next(previous[0], event);
                added.add(new Link(event.globalPosition(), previous[0]));
                return added.size() < settings.batchSize();
            });
            if (!added.isEmpty()) {
                store.append(added, new Head(added.get(added.size() - 1).position(), previous[0],
                                             head.links() + added.size(), null));
            }
            return added.size();
        });
        return linked == null ? 0 : linked;
    }

    private void run() {
        try {
            while (extend() == settings.batchSize()) {
                // catching up: the next batch at once
            }
            anchors.publishIfDue();
        } catch (RuntimeException e) {
            log.warn("Could not extend the audit hash chain: {}", e.toString());
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
