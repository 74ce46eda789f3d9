package io.tandem.operations.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.operations.processor.ProcessorBoards;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/** The processor board's gauges, for Prometheus and the alert rules in {@code ops/grafana}. */
@AutoConfiguration(afterName = "io.tandem.operations.processor.ProcessorBoardConfiguration")
public class ProcessorMetricsConfiguration {

    @Bean
    ProcessorMetrics operationsProcessorMetrics(ProcessorBoards boards, MeterRegistry registry,
                                                @Value("${tandem.operations.metrics.interval:10s}") Duration interval) {
        return new ProcessorMetrics(boards, registry, interval);
    }
}
