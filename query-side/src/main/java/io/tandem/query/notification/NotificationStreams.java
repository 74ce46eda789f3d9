package io.tandem.query.notification;

import io.tandem.api.notification.NotificationQueries.NotificationView;
import io.tandem.api.paging.Cursor;
import io.tandem.query.live.LiveLimits;
import io.tandem.query.live.UserChannels;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
class NotificationStreams implements SmartLifecycle, UserChannels {

    static final Comparator<NotificationView> STREAM_ORDER =
            Comparator.comparing(NotificationView::sentAt).thenComparing(NotificationView::id);

    private static final Duration RECENT = Duration.ofMinutes(2);
    private static final int RECENT_PER_USER = 100;
    private static final int REPLAY_LIMIT = 500;

    private final NotificationProjection notifications;
    private final Duration timeout;
    private final int streamsPerUser;
    private final Map<String, Deque<OpenStream>> streams = new ConcurrentHashMap<>();
    private final Map<String, Deque<NotificationView>> recent = new ConcurrentHashMap<>();
    private volatile boolean running;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "notification-stream-timer");
        thread.setDaemon(true);
        return thread;
    });

    NotificationStreams(NotificationProjection notifications, LiveLimits limits,
                        @Value("${tandem.notifications.stream-timeout:30m}") Duration timeout,
                        @Value("${tandem.notifications.stream-keepalive:20s}") Duration keepAliveInterval) {
        this.notifications = notifications;
        this.timeout = timeout;
        this.streamsPerUser = limits.streamsPerUser();
        timer.scheduleAtFixedRate(this::keepAlive, keepAliveInterval.toMillis(), keepAliveInterval.toMillis(),
                                      TimeUnit.MILLISECONDS);
    }

    static String eventId(NotificationView view) {
        return Cursor.of(view.sentAt(), view.id()).encode();
    }

    /**
     * Opens a stream that lasts no longer than the token it was opened with; a user's oldest stream on this node
     * ends when they open one more than allowed (a client that reconnects need not wait for its dead one to time out).
     */
    SseEmitter open(String userId, Cursor lastSeen, Instant tokenIssuedAt, Instant tokenExpiresAt) {
        OpenStream stream = new OpenStream(new SseEmitter(timeout.toMillis()), tokenIssuedAt, REPLAY_LIMIT * 2);
        Deque<OpenStream> own = streams.computeIfAbsent(userId, id -> new ConcurrentLinkedDeque<>());
        own.addLast(stream);
        while (own.size() > streamsPerUser) {
            OpenStream oldest = own.pollFirst();
            if (oldest != null) {
                oldest.end("too_many_streams", "A newer stream of yours replaced this one.");
            }
        }
        Duration lifetime = tokenExpiresAt == null ? timeout : Duration.between(Instant.now(), tokenExpiresAt);
        ScheduledFuture<?> expiry = timer.schedule(
                () -> stream.end("unauthenticated", "The access token expired; open a new stream with a new one."),
                Math.max(0, lifetime.toMillis()), TimeUnit.MILLISECONDS);
        Runnable close = () -> {
            own.remove(stream);
            expiry.cancel(false);
        };
        stream.emitter().onCompletion(close);
        stream.emitter().onTimeout(close);
        stream.emitter().onError(error -> close.run());
        stream.comment("connected");
        stream.replay(lastSeen == null ? List.of() : missed(userId, lastSeen));
        return stream.emitter();
    }

    @Override
    public void end(String userId, Instant changedAt, String code, String detail) {
        streams.getOrDefault(userId, new ConcurrentLinkedDeque<>()).stream()
               .filter(stream -> stream.issuedBefore(changedAt))
               .forEach(stream -> stream.end(code, detail));
    }

    void deliver(NotificationView view, String recipientId) {
        Deque<NotificationView> remembered = recent.computeIfAbsent(recipientId, id -> new ArrayDeque<>());
        synchronized (remembered) {
            remembered.addLast(view);
            while (remembered.size() > RECENT_PER_USER) {
                remembered.removeFirst();
            }
        }
        streams.getOrDefault(recipientId, new ConcurrentLinkedDeque<>()).forEach(stream -> stream.send(view));
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
        timer.shutdownNow();
        streams.values().forEach(own -> own.forEach(stream -> stream.emitter().complete()));
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
