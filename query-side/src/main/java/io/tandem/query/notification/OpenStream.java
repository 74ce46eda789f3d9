package io.tandem.query.notification;

import io.tandem.api.notification.NotificationQueries.NotificationView;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One open notification stream, opened with a token issued at {@code tokenIssuedAt}. Events that arrive live while
 * it replays what the client missed wait until the replay is done.
 */
final class OpenStream {

    private final SseEmitter emitter;
    private final Instant tokenIssuedAt;
    private final int remembered;
    private final Set<String> sent = new LinkedHashSet<>();
    private List<NotificationView> pending = new ArrayList<>();
    private boolean ended;

    OpenStream(SseEmitter emitter, Instant tokenIssuedAt, int remembered) {
        this.emitter = emitter;
        this.tokenIssuedAt = tokenIssuedAt;
        this.remembered = remembered;
    }

    SseEmitter emitter() {
        return emitter;
    }

    boolean issuedBefore(Instant moment) {
        return tokenIssuedAt == null || tokenIssuedAt.isBefore(moment);
    }

    synchronized void replay(List<NotificationView> missed) {
        List<NotificationView> live = pending;
        pending = null;
        missed.forEach(this::write);
        live.stream().sorted(NotificationStreams.STREAM_ORDER).forEach(this::write);
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

    /** Tells the client why the stream ends ({@code event: end}, a code and a detail), then ends it. */
    synchronized void end(String code, String detail) {
        if (ended) {
            return;
        }
        ended = true;
        try {
            emitter.send(SseEmitter.event().name("end").data(Map.of("code", code, "detail", detail),
                                                             MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            // the client is gone already
        }
        emitter.complete();
    }

    private void write(NotificationView view) {
        if (!sent.add(view.id())) {
            return;
        }
        if (sent.size() > remembered) {
            sent.remove(sent.iterator().next());
        }
        try {
            emitter.send(SseEmitter.event().id(NotificationStreams.eventId(view)).name("notification")
                                   .data(view, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }
}
