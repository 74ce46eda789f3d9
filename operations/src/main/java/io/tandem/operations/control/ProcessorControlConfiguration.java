package io.tandem.operations.control;

import io.tandem.operations.OperationsAutoConfiguration;
import io.tandem.operations.OperationsProperties;
import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessors;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Every node watches the control table and applies it to its own processors. */
@AutoConfiguration(after = OperationsAutoConfiguration.class)
public class ProcessorControlConfiguration {

    @Bean
    ControlWatcher operationsControlWatcher(LocalNode node, LocalProcessors processors, ProcessorControls controls,
                                            OperationsProperties properties) {
        return new ControlWatcher(node, processors, controls, properties);
    }
}
