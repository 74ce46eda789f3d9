package io.tandem.operations.processor;

import io.tandem.operations.node.NodeLoop;
import io.tandem.operations.OperationsProperties;
import io.tandem.operations.processor.BoardViews.ProcessorBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The live board: every {@code tandem.operations.stream-interval} this node reads the board once and sends it to all
 * streams open on it, as a {@code board} event. Nothing is read while no stream is open.
 */
class BoardStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BoardStream.class);

    private final ProcessorBoards boards;
    private final OperationsProperties properties;
    private final Set<SseEmitter> open = new CopyOnWriteArraySet<>();
    private final NodeLoop loop;

    BoardStream(ProcessorBoards boards, OperationsProperties properties) {
        this.boards = boards;
        this.properties = properties;
        this.loop = new NodeLoop("ops-board-stream", properties.streamInterval(), properties.streamInterval(),
                                 this::broadcast);
    }

    SseEmitter open() {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Runnable close = () -> open.remove(emitter);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        send(emitter, boards.current());
        open.add(emitter);
        return emitter;
    }

    private void broadcast() {
        if (open.isEmpty()) {
            return;
        }
        try {
            ProcessorBoard board = boards.current();
            open.forEach(emitter -> send(emitter, board));
        } catch (RuntimeException e) {
            log.warn("Could not read the processor board for its live streams: {}", e.toString());
        }
    }

    private void send(SseEmitter emitter, ProcessorBoard board) {
        try {
            emitter.send(SseEmitter.event().name("board").data(board, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            open.remove(emitter);
            emitter.completeWithError(e);
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Ends the open streams before the web server's graceful shutdown would wait for them; clients reconnect. */
    @Override
    public void stop() {
        loop.stop();
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
