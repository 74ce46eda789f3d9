package io.tandem.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.messaging.converter.MappingJackson2MessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One partner's chat connection, as the app holds it: STOMP over a WebSocket to {@code /ws}, CONNECT with the access
 * token, subscribed to the couple's room, its acknowledgements and its errors. Unlike {@code StompTestClient}, whose
 * queues say nothing about when a frame came, it hands every frame on together with {@link System#nanoTime()} read
 * the moment the frame reaches its handler (on the socket's reading thread, after only its JSON was parsed).
 */
final class ChatSocket implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Takes a frame and the nanoTime it arrived at; runs on the socket's thread, so it must be quick. */
    interface Listener {
        void arrived(JsonNode frame, long nanos);
    }

    private final WebSocketStompClient client;
    private final SessionHandler handler;
    private final StompSession session;

    private ChatSocket(WebSocketStompClient client, SessionHandler handler, StompSession session) {
        this.client = client;
        this.handler = handler;
        this.session = session;
    }

    /** Passes ERROR frames and transport failures on, except those of closing the socket on purpose. */
    private static final class SessionHandler extends StompSessionHandlerAdapter {

        private final Consumer<String> failures;
        private volatile boolean closing;

        SessionHandler(Consumer<String> failures) {
            this.failures = failures;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            failures.accept("ERROR frame: " + headers.getFirst("message"));
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers,
                                    byte[] payload, Throwable exception) {
            failures.accept(command + " frame failed: " + exception);
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            if (!closing) {
                failures.accept("transport: " + exception);
            }
        }
    }

    /**
     * Connects and subscribes, each subscription with a receipt: once this returns, nothing sent to the room can
     * pass it by. ERROR frames, error queue messages and a lost connection go to {@code failures}.
     */
    static ChatSocket connect(String webSocketUrl, String accessToken, String coupleId, Listener room, Listener acks,
                              Consumer<String> failures) {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new MappingJackson2MessageConverter());
        ThreadPoolTaskScheduler receipts = new ThreadPoolTaskScheduler(); // receipts time out on it
        receipts.setDaemon(true);
        receipts.setThreadNamePrefix("chat-socket-receipts-");
        receipts.initialize();
        client.setTaskScheduler(receipts);
        // no heart-beats: the server sends none, and they would write to the socket beside the sending thread
        client.setDefaultHeartbeat(new long[]{0, 0});
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + accessToken);
        SessionHandler handler = new SessionHandler(failures);
        try {
            StompSession session = client.connectAsync(webSocketUrl, new WebSocketHttpHeaders(), connect, handler)
                                         .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ChatSocket socket = new ChatSocket(client, handler, session);
            List<CompletableFuture<Void>> subscribed = List.of(
                    socket.subscribe("/topic/couples/" + coupleId + "/chat", room),
                    socket.subscribe("/user/queue/chat/acks", acks),
                    socket.subscribe("/user/queue/errors", (frame, nanos) -> failures.accept("error frame: " + frame)));
            CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new))
                             .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return socket;
        } catch (ExecutionException | TimeoutException e) {
            client.stop();
            receipts.shutdown();
            throw new IllegalStateException("could not connect and subscribe to " + webSocketUrl + " within " + WAIT,
                                            e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Void> subscribe(String destination, Listener listener) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setReceipt("subscribed-" + destination);
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        StompSession.Subscription subscription = session.subscribe(headers, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                listener.arrived((JsonNode) payload, System.nanoTime());
            }
        });
        subscription.addReceiptTask(() -> subscribed.complete(null));
        subscription.addReceiptLostTask(() -> subscribed.completeExceptionally(
                new IllegalStateException("no receipt for the subscription to " + destination)));
        return subscribed;
    }

    /** Sends a message to the partner; {@code clientMessageId} comes back in the acknowledgement. */
    void send(String text, String clientMessageId) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination("/app/chat/send");
        session.send(headers, Map.of("text", text, "client_message_id", clientMessageId));
    }

    @Override
    public void close() {
        handler.closing = true;
        if (session.isConnected()) {
            session.disconnect();
        }
        client.stop();
        if (client.getTaskScheduler() instanceof ThreadPoolTaskScheduler scheduler) {
            scheduler.shutdown();
        }
    }
}
