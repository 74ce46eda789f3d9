package io.tandem.operations.rebuild;

import io.tandem.operations.node.AssembledProcessors;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.platform.pipeline.AssembledProcessorPipeline;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.ClassUtils;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The shadow processors running on this node: for a rebuild, a pooled processor under the rebuild's own name that
 * runs the live processor's handler objects (those without side effects) from the tail of the event store, in
 * transactions that write the rebuild's schema ({@link ShadowTransactions}), with the same dead-letter queue and
 * savepoints as every processor. Every node that runs the live processor runs the shadow too; they share its
 * segments through the token table like any processor.
 */
class ShadowProcessors {

    private static final int WORKERS = 4;
    private static final int BATCH_SIZE = 100;

    private record Shadow(PooledStreamingEventProcessor processor, BoundedSource source,
                          List<ScheduledExecutorService> executors) {
    }

    private final Map<String, Shadow> running = new ConcurrentHashMap<>();
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final JdbcClient jdbc;
    private final AssembledProcessorPipeline pipeline;
    private final AssembledProcessors assembled;

    ShadowProcessors(EventProcessingConfiguration processing, EventStore eventStore, TransactionManager transactions,
                     JdbcClient jdbc, AssembledProcessorPipeline pipeline, AssembledProcessors assembled) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.assembled = assembled;
    }

    /** Starts the rebuild's shadow here unless it runs, and applies its bound. */
    synchronized void ensureRunning(RebuildRecord plan, LocalProcessor live) {
        Shadow shadow = running.computeIfAbsent(plan.shadowProcessor(), name -> start(plan, live));
        shadow.source().bound(plan.boundPosition());
    }

    /** Stops this node's instance of the shadow, if it runs: its claims are released. */
    synchronized void ensureStopped(String shadowProcessor) {
        Shadow shadow = running.remove(shadowProcessor);
        if (shadow != null) {
            try {
                shadow.processor().shutDown();
            } finally {
                assembled.remove(shadowProcessor);
                shadow.executors().forEach(ScheduledExecutorService::shutdownNow);
            }
        }
    }

    List<String> runningHere() {
        return List.copyOf(running.keySet());
    }

    void stopAll() {
        runningHere().forEach(this::ensureStopped);
    }

    private Shadow start(RebuildRecord plan, LocalProcessor live) {
        String name = plan.shadowProcessor();
        List<EventMessageHandler> handlers = handlersWithoutSideEffects(live);
        BoundedSource source = new BoundedSource(eventStore);
        ScheduledExecutorService coordinator = executor(name + "-coordinator", 1);
        ScheduledExecutorService workers = executor(name + "-worker", WORKERS);
        int segments = Math.max(1, processing.tokenStore(live.name()).fetchSegments(live.name()).length);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(pipeline.parkingInvoker(name, handlers,
                                                             processing.sequencingPolicy(live.name())))
                .messageSource(source)
                .tokenStore(processing.tokenStore(live.name()))
                .transactionManager(new ShadowTransactions(transactions, jdbc, plan.shadowSchema()))
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(segments)
                .initialToken(StreamableMessageSource::createTailToken)
                .batchSize(BATCH_SIZE)
                .build();
        processor.registerHandlerInterceptor(pipeline.savepointPerEvent());
        processor.start();
        assembled.add(new LocalProcessor(name, live.side(), LocalProcessor.POOLED, false, live.handlerTypes(), null,
                                         processor));
        return new Shadow(processor, source, List.of(coordinator, workers));
    }

    /** The live processor's handler objects, as Axon wrapped them; classes with side effects are left out. */
    static List<EventMessageHandler> handlersWithoutSideEffects(LocalProcessor live) {
        if (!(live.processor() instanceof AbstractEventProcessor processor)) {
            return List.of();
        }
        return handlers(processor.eventHandlerInvoker())
                .filter(handler -> !ClassUtils.getUserClass(handler.getTargetType())
                                              .isAnnotationPresent(SideEffect.class))
                .toList();
    }

    private static Stream<EventMessageHandler> handlers(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().flatMap(ShadowProcessors::handlers);
        }
        return invoker instanceof SimpleEventHandlerInvoker simple ? simple.eventHandlers().stream() : Stream.empty();
    }

    private static ScheduledExecutorService executor(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
