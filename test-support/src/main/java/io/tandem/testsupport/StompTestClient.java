package io.tandem.testsupport;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real STOMP client over a real WebSocket, as an app would use it: CONNECT with the access token, subscribe,
 * send JSON, and see the ERROR frames the server answers with.
 */
public final class StompTestClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocketStompClient client;
    private final StompSession session;
    private final BlockingQueue<String> errors;

    private StompTestClient(WebSocketStompClient client, StompSession session, BlockingQueue<String> errors) {
        this.client = client;
        this.session = session;
        this.errors = errors;
    }

    /** Connects to {@code ws://host:port/ws}; a refused CONNECT throws {@link Refused} with the server's reason. */
    public static StompTestClient connect(String webSocketUrl, String accessToken) {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new MappingJackson2MessageConverter());
        ThreadPoolTaskScheduler receipts = new ThreadPoolTaskScheduler();
        receipts.setDaemon(true);
        receipts.setThreadNamePrefix("stomp-test-receipts-");
        receipts.initialize();
        client.setTaskScheduler(receipts);
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        CompletableFuture<Void> refused = new CompletableFuture<>();
        StompHeaders connect = new StompHeaders();
        if (accessToken != null) {
            connect.add("Authorization", "Bearer " + accessToken);
        }
        StompSessionHandlerAdapter handler = new StompSessionHandlerAdapter() {
            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                String message = headers.getFirst("message");
                errors.add(message == null ? "error" : message);
                refused.completeExceptionally(new Refused(message));
            }

            @Override
            public void handleException(StompSession session, StompCommand command, StompHeaders headers,
                                        byte[] payload, Throwable exception) {
                errors.add(String.valueOf(exception.getMessage()));
            }

            @Override
            public void handleTransportError(StompSession session, Throwable exception) {
                errors.add("transport: " + exception.getMessage());
                refused.completeExceptionally(new Refused("transport: " + exception.getMessage()));
            }
        };
        CompletableFuture<StompSession> connected =
                client.connectAsync(webSocketUrl, new WebSocketHttpHeaders(), connect, handler);
        try {
            Object outcome = CompletableFuture.anyOf(connected, refused).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new StompTestClient(client, (StompSession) outcome, errors);
        } catch (ExecutionException e) {
            client.stop();
            throw e.getCause() instanceof Refused refusal ? refusal : new Refused(e.getCause().getMessage());
        } catch (InterruptedException | TimeoutException e) {
            client.stop();
            throw new IllegalStateException("no answer to CONNECT within " + WAIT, e);
        }
    }

    /** Subscribes; what arrives lands in the returned queue as JSON. */
    public BlockingQueue<JsonNode> subscribe(String destination) {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        session.setAutoReceipt(true);
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        session.subscribe(headers, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                received.add((JsonNode) payload);
            }
        }).addReceiptTask(() -> subscribed.complete(null));
        try {
            subscribed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // refused: the server answered with an ERROR frame instead, which errors() shows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return received;
    }

    public void send(String destination, Object payload) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        session.send(headers, payload);
    }

    /** The ERROR frames and transport failures seen so far, oldest first. */
    public BlockingQueue<String> errors() {
        return errors;
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    /** Waits for the next message on a queue from {@link #subscribe}, or fails. */
    public static JsonNode next(BlockingQueue<JsonNode> queue) {
        try {
            JsonNode next = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("nothing arrived within " + WAIT);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
        client.stop();
        if (client.getTaskScheduler() instanceof ThreadPoolTaskScheduler scheduler) {
            scheduler.shutdown();
        }
    }

    /** The server refused the connection (ERROR frame or closed transport). */
    public static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message);
        }
    }
}
