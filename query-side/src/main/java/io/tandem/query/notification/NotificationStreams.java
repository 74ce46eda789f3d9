package io.tandem.query.notification;

import io.tandem.api.notification.NotificationQueries.NotificationView;
import io.tandem.api.paging.Cursor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Server-Sent Event streams open on this node. A reconnecting client sends the id of the last event it saw and
 * first gets what it missed, then live events, in order and without duplicates.
 * <p>
 * What it missed comes from the notifications table and from a short memory of what this node delivered lately:
 * the projection that fills the table may trail this node's live delivery by a moment, and a notification sent in
 * that moment would otherwise be in neither.
 */
@Component
class NotificationStreams implements SmartLifecycle {

    static final Comparator<NotificationView> STREAM_ORDER =
            Comparator.comparing(NotificationView::sentAt).thenComparing(NotificationView::id);

    private static final Duration RECENT = Duration.ofMinutes(2);
    private static final int RECENT_PER_USER = 100;
    private static final int REPLAY_LIMIT = 500;

    private final NotificationProjection notifications;
    private final Duration timeout;
    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final Map<String, Deque<NotificationView>> recent = new ConcurrentHashMap<>();
    private volatile boolean running;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "notification-stream-keepalive");
        thread.setDaemon(true);
        return thread;
    });

    NotificationStreams(NotificationProjection notifications,
                        @Value("${tandem.notifications.stream-timeout:30m}") Duration timeout,
                        @Value("${tandem.notifications.stream-keepalive:20s}") Duration keepAliveInterval) {
        this.notifications = notifications;
        this.timeout = timeout;
        keepAlive.scheduleAtFixedRate(this::keepAlive, keepAliveInterval.toMillis(), keepAliveInterval.toMillis(),
                                      TimeUnit.MILLISECONDS);
    }

    static String eventId(NotificationView view) {
        return Cursor.of(view.sentAt(), view.id()).encode();
    }

    SseEmitter open(String userId, Cursor lastSeen) {
        Stream stream = new Stream(new SseEmitter(timeout.toMillis()));
        Set<Stream> own = streams.computeIfAbsent(userId, id -> new CopyOnWriteArraySet<>());
        own.add(stream);
        Runnable close = () -> own.remove(stream);
        stream.emitter.onCompletion(close);
        stream.emitter.onTimeout(close);
        stream.emitter.onError(error -> close.run());
        stream.comment("connected");
        stream.replay(lastSeen == null ? List.of() : missed(userId, lastSeen));
        return stream.emitter;
    }

    void deliver(NotificationView view, String recipientId) {
        Deque<NotificationView> remembered = recent.computeIfAbsent(recipientId, id -> new ArrayDeque<>());
        synchronized (remembered) {
            remembered.addLast(view);
            while (remembered.size() > RECENT_PER_USER) {
                remembered.removeFirst();
            }
        }
        streams.getOrDefault(recipientId, Set.of()).forEach(stream -> stream.send(view));
    }

    private List<NotificationView> missed(String userId, Cursor lastSeen) {
        Instant at = lastSeen.instant(0);
        String id = lastSeen.value(1);
        Map<String, NotificationView> missed = new HashMap<>();
        notifications.sentAfter(userId, at, id, REPLAY_LIMIT).forEach(view -> missed.put(view.id(), view));
        Deque<NotificationView> remembered = recent.getOrDefault(userId, new ArrayDeque<>());
        synchronized (remembered) {
            remembered.stream()
                      .filter(view -> view.sentAt().isAfter(at)
                                      || view.sentAt().equals(at) && view.id().compareTo(id) > 0)
                      .forEach(view -> missed.putIfAbsent(view.id(), view));
        }
        List<NotificationView> ordered = new ArrayList<>(missed.values());
        ordered.sort(STREAM_ORDER);
        return ordered;
    }

    private void keepAlive() {
        streams.values().forEach(own -> own.forEach(stream -> stream.comment("keepalive")));
        Instant forgetBefore = Instant.now().minus(RECENT);
        recent.values().forEach(remembered -> {
            synchronized (remembered) {
                remembered.removeIf(view -> view.sentAt().isBefore(forgetBefore));
            }
        });
        recent.values().removeIf(Deque::isEmpty);
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends the open streams before the web server's graceful shutdown, which would otherwise wait for them as for
     * unfinished requests; clients reconnect to another node with their Last-Event-ID.
     */
    @Override
    public void stop() {
        running = false;
        keepAlive.shutdownNow();
        streams.values().forEach(own -> own.forEach(stream -> stream.emitter.complete()));
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One open stream; events that arrive live while it replays wait until the replay is done. */
    private static final class Stream {

        private final SseEmitter emitter;
        private final Set<String> sent = new LinkedHashSet<>();
        private List<NotificationView> pending = new ArrayList<>();

        private Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }

        synchronized void replay(List<NotificationView> missed) {
            List<NotificationView> live = pending;
            pending = null;
            missed.forEach(this::write);
            live.stream().sorted(STREAM_ORDER).forEach(this::write);
        }

        synchronized void send(NotificationView view) {
            if (pending != null) {
                pending.add(view);
            } else {
                write(view);
            }
        }

        synchronized void comment(String text) {
            try {
                emitter.send(SseEmitter.event().comment(text));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }

        private void write(NotificationView view) {
            if (!sent.add(view.id())) {
                return;
            }
            if (sent.size() > REPLAY_LIMIT * 2) {
                sent.remove(sent.iterator().next());
            }
            try {
                emitter.send(SseEmitter.event().id(eventId(view)).name("notification")
                                       .data(view, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }
    }
}
