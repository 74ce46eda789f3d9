package io.tandem.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * STOMP frames written by hand over a real WebSocket, for what a well-behaved client library never sends: the
 * STOMP alias of CONNECT without a token, floods of frames, oversized destinations.
 */
final class RawStomp implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private String connected;

    private RawStomp(String url) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                           .buildAsync(URI.create(url), new Frames()).join();
    }

    static RawStomp open(String url) {
        return new RawStomp(url);
    }

    /** Opens and authenticates; fails unless the server answers CONNECTED. */
    static RawStomp connect(String url, String token) {
        RawStomp stomp = open(url);
        stomp.send("CONNECT\naccept-version:1.2\nhost:tandem\nheart-beat:0,10000\nAuthorization:Bearer " + token
                   + "\n\n");
        stomp.connected = stomp.next();
        if (!stomp.connected.startsWith("CONNECTED")) {
            throw new AssertionError("not connected: " + stomp.connected);
        }
        return stomp;
    }

    /** The CONNECTED frame the server answered with. */
    String connected() {
        return connected;
    }

    /** Sends one frame; the terminating NUL is added here. */
    void send(String frame) {
        socket.sendText(frame + "\0", true).join();
    }

    /** Sends one frame unless the server has already closed the socket; answers whether it went out. */
    boolean sendWhileOpen(String frame) {
        try {
            send(frame);
            return true;
        } catch (CompletionException closed) {
            return false;
        }
    }

    /** The next frame the server sent, heart-beats skipped. */
    String next() {
        try {
            String frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next ERROR frame, skipping any other frame before it. */
    String nextError() {
        for (String frame = next(); ; frame = next()) {
            if (frame.startsWith("ERROR")) {
                return frame;
            }
        }
    }

    boolean closedWithin(Duration patience) {
        try {
            closed.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }

    private final class Frames implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            int end;
            while ((end = partial.indexOf("\0")) >= 0) {
                String frame = partial.substring(0, end).replaceFirst("^\\n+", "");
                partial.delete(0, end + 1);
                if (!frame.isEmpty()) {
                    frames.add(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
