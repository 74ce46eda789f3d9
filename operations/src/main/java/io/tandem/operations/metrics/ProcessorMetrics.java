package io.tandem.operations.metrics;

import io.tandem.operations.node.NodeLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import io.tandem.operations.processor.BoardViews.ProcessorBoard;
import io.tandem.operations.processor.BoardViews.ProcessorView;
import io.tandem.operations.processor.BoardViews.SegmentView;
import io.tandem.operations.processor.ProcessorBoards;
import io.tandem.operations.processor.ProcessorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The processor board as Prometheus gauges, read every {@code tandem.operations.metrics.interval}: per processor its
 * lag in events and seconds, dead letters, unclaimed segments, whether it is stalled, in error or paused, and its
 * replay progress; per segment of a processor with shared tokens its lag. Every node exports the whole cluster's
 * board, so alert on {@code max by (processor)}.
 */
class ProcessorMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorMetrics.class);

    private final ProcessorBoards boards;
    private final Map<String, MultiGauge> processorGauges = new ConcurrentHashMap<>();
    private final MultiGauge segmentLagEvents;
    private final MultiGauge segmentLagSeconds;
    private final MeterRegistry registry;
    private final NodeLoop loop;

    ProcessorMetrics(ProcessorBoards boards, MeterRegistry registry, Duration interval) {
        this.boards = boards;
        this.registry = registry;
        this.segmentLagEvents = MultiGauge.builder("tandem.processor.segment.lag.events")
                                          .description("Events between the head and a segment's position")
                                          .register(registry);
        this.segmentLagSeconds = MultiGauge.builder("tandem.processor.segment.lag.seconds")
                                           .description("Seconds between the head event and a segment's position")
                                           .baseUnit("seconds").register(registry);
        this.loop = new NodeLoop("ops-processor-metrics", Duration.ZERO, interval, this::refreshQuietly);
    }

    void refresh() {
        ProcessorBoard board = boards.current();
        List<ProcessorView> processors = board.processors();
        gauge("tandem.processor.lag.events", "The largest segment lag in events", processors,
              p -> p.lagEvents() == null ? 0 : p.lagEvents());
        gauge("tandem.processor.lag.seconds", "The largest segment lag in seconds", processors,
              p -> p.lagSeconds() == null ? 0 : p.lagSeconds());
        gauge("tandem.processor.dead.letters", "Letters in the processor's dead-letter queue", processors,
              ProcessorView::deadLetters);
        gauge("tandem.processor.unclaimed.segments", "Segments of a processor with shared tokens that no live node "
                                                     + "claims", processors, ProcessorMetrics::unclaimed);
        gauge("tandem.processor.stalled", "1 while a segment behind the head has not moved for the stall time",
              processors, p -> p.status() == ProcessorStatus.STALLED ? 1 : 0);
        gauge("tandem.processor.error", "1 while a segment reports an error", processors,
              p -> p.status() == ProcessorStatus.ERROR ? 1 : 0);
        gauge("tandem.processor.paused", "1 while operators keep it paused", processors,
              p -> p.status() == ProcessorStatus.PAUSED ? 1 : 0);
        gauge("tandem.processor.replay.progress.percent", "How far the replaying segments are towards where they "
                                                          + "stood at the reset, from the first event; 100 when not "
                                                          + "replaying", processors, ProcessorMetrics::replayProgress);
        List<Row<?>> events = new ArrayList<>();
        List<Row<?>> seconds = new ArrayList<>();
        processors.stream().filter(p -> "shared".equals(p.tokenStore())).forEach(p -> p.segments().forEach(s -> {
            Tags tags = Tags.of("processor", p.name(), "segment", String.valueOf(s.segment()));
            events.add(Row.of(tags, s.lagEvents() == null ? 0 : s.lagEvents()));
            seconds.add(Row.of(tags, s.lagSeconds() == null ? 0 : s.lagSeconds()));
        }));
        segmentLagEvents.register(events, true);
        segmentLagSeconds.register(seconds, true);
    }

    private void gauge(String name, String description, List<ProcessorView> processors,
                       ToDoubleFunction<ProcessorView> value) {
        MultiGauge gauge = processorGauges.computeIfAbsent(name, n -> MultiGauge.builder(n).description(description)
                                                                               .register(registry));
        gauge.register(processors.stream().map(p -> Row.of(Tags.of("processor", p.name()), value.applyAsDouble(p)))
                                 .<Row<?>>map(row -> row).toList(), true);
    }

    private static double unclaimed(ProcessorView processor) {
        return "shared".equals(processor.tokenStore())
                ? processor.segments().stream().filter(s -> s.ownerNode() == null || !s.ownerAlive()).count() : 0;
    }

    private static double replayProgress(ProcessorView processor) {
        return processor.segments().stream().filter(SegmentView::replaying)
                        .filter(s -> s.resetPosition() != null && s.resetPosition() > 0)
                        .mapToDouble(s -> 100.0 * Math.min(1, Objects.requireNonNullElse(s.position(), 0L)
                                                             / (double) s.resetPosition()))
                        .min().orElse(100);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not read the processor board for its metrics", e);
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
