package io.tandem.operations.audit.search;

import io.tandem.operations.node.NodeLoop;
import io.tandem.operations.audit.AuditProperties;
import io.tandem.operations.audit.index.EventIndex;
import io.tandem.operations.audit.index.EventSearch;
import io.tandem.operations.audit.index.IndexedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The live tail of the event search: every {@code tandem.audit.tail.interval} each open stream gets the indexed
 * events after the last one it was sent that match its search, as {@code audit-event} events whose id is the global
 * position, so a client that reconnects with {@code Last-Event-ID} misses nothing.
 */
class EventTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventTail.class);
    private static final int BATCH = 200;

    private final EventIndex index;
    private final AuditProperties.Tail settings;
    private final Set<Follower> open = new CopyOnWriteArraySet<>();
    private final NodeLoop loop;

    EventTail(EventIndex index, AuditProperties properties) {
        this.index = index;
        this.settings = properties.tail();
        this.loop = new NodeLoop("audit-event-tail", settings.interval(), settings.interval(), this::poll);
    }

    /** @param after the last position the client has; null for events from now on */
    SseEmitter open(EventSearch search, Long after) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Follower follower = new Follower(emitter, search,
                                         after != null ? after : index.newestPosition().orElse(Long.MIN_VALUE));
        Runnable close = () -> open.remove(follower);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        try {
            emitter.send(SseEmitter.event().name("tail-open").data(follower.last, MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        open.add(follower);
        return emitter;
    }

    private void poll() {
        for (Follower follower : open) {
            try {
                follower.sendNew();
            } catch (IOException | IllegalStateException e) {
                open.remove(follower);
                follower.emitter.completeWithError(e);
            } catch (RuntimeException e) {
                log.warn("Could not read the event index for a live tail: {}", e.toString());
            }
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Ends the open tails before the web server's graceful shutdown would wait for them; clients reconnect. */
    @Override
    public void stop() {
        loop.stop();
        open.forEach(follower -> follower.emitter.complete());
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    private final class Follower {

        private final SseEmitter emitter;
        private final EventSearch search;
        private long last;

        private Follower(SseEmitter emitter, EventSearch search, long last) {
            this.emitter = emitter;
            this.search = search;
            this.last = last;
        }

        void sendNew() throws IOException {
            List<IndexedEvent> found;
            do {
                found = index.after(search, last, BATCH);
                for (IndexedEvent event : found) {
                    emitter.send(SseEmitter.event().name("audit-event").id(Long.toString(event.globalPosition()))
                                           .data(event, MediaType.APPLICATION_JSON));
                    last = event.globalPosition();
                }
            } while (found.size() == BATCH);
        }
    }
}
