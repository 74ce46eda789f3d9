package io.tandem.platform.pipeline;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.beans.factory.ObjectProvider;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who retries the dead letters of each processing group on this node, event handlers' and sagas' alike: the retry
 * schedule uses them, and so may an operator's "retry now" ({@code process} with a filter on the sequence).
 */
public final class DeadLetterProcessors {

    private final DeadLetterQueues queues;
    private final SagaDeadLetters sagas;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    DeadLetterProcessors(DeadLetterQueues queues, SagaDeadLetters sagas,
                         ObjectProvider<EventProcessingConfiguration> processing) {
        this.queues = queues;
        this.sagas = sagas;
        this.processing = processing;
    }

    /** The groups with a dead-letter queue whose handlers or saga run on this node, by name. */
    public Map<String, SequencedDeadLetterProcessor<EventMessage<?>>> all() {
        Map<String, SequencedDeadLetterProcessor<EventMessage<?>>> processors = new TreeMap<>(sagas.processors());
        EventProcessingConfiguration configuration = processing.getObject();
        for (String group : queues.eventHandlerGroups()) {
            // a side without handlers of the group (another side's group in services mode) has no processor
            configuration.sequencedDeadLetterProcessor(group).ifPresent(p -> processors.put(group, p));
        }
        return processors;
    }

    public Optional<SequencedDeadLetterProcessor<EventMessage<?>>> forGroup(String processingGroup) {
        return Optional.ofNullable(all().get(processingGroup));
    }
}
