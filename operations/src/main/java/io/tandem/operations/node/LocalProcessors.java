package io.tandem.operations.node;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tracking and pooled processors of this node, as Axon configured them. Subscribing processors have no position
 * or lag and are left out.
 */
public class LocalProcessors {

    private static final Pattern SIDE_PACKAGE = Pattern.compile("^io\\.tandem\\.(command|query|saga)\\.");

    private final EventProcessingConfiguration processing;
    private final String defaultSide;

    public LocalProcessors(EventProcessingConfiguration processing, String defaultSide) {
        this.processing = processing;
        this.defaultSide = defaultSide;
    }

    public List<LocalProcessor> all() {
        return processing.eventProcessors().entrySet().stream()
                         .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                         .map(entry -> describe(entry.getKey(), (StreamingEventProcessor) entry.getValue()))
                         .sorted(Comparator.comparing(LocalProcessor::name))
                         .toList();
    }

    public Optional<LocalProcessor> named(String name) {
        return all().stream().filter(processor -> processor.name().equals(name)).findFirst();
    }

    /** The sides this node runs handlers of, e.g. {@code command,query,saga} for the all-in-one launcher. */
    public String sides() {
        List<String> sides = all().stream().map(LocalProcessor::side).distinct().sorted().toList();
        return sides.isEmpty() ? defaultSide : String.join(",", sides);
    }

    private LocalProcessor describe(String name, StreamingEventProcessor processor) {
        List<Class<?>> handlerTypes = processor instanceof AbstractEventProcessor abstractProcessor
                ? handlerTypes(abstractProcessor.eventHandlerInvoker()).toList() : List.of();
        boolean perNode = processing.tokenStore(name) instanceof InMemoryTokenStore;
        String mode = processor instanceof PooledStreamingEventProcessor ? LocalProcessor.POOLED
                                                                          : LocalProcessor.TRACKING;
        Class<?> sagaType = processor instanceof AbstractEventProcessor abstractProcessor
                ? sagaType(abstractProcessor.eventHandlerInvoker()) : null;
        return new LocalProcessor(name, sideOf(handlerTypes), mode, perNode, handlerTypes, sagaType, processor);
    }

    private static Stream<Class<?>> handlerTypes(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().flatMap(LocalProcessors::handlerTypes);
        }
        if (invoker instanceof SimpleEventHandlerInvoker simple) {
            return simple.eventHandlers().stream().map(EventMessageHandler::getTargetType)
                         .map(ClassUtils::getUserClass);
        }
        if (invoker instanceof AbstractSagaManager<?> sagas) {
            return Stream.of(sagas.getSagaType());
        }
        return Stream.empty();
    }

    private static Class<?> sagaType(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().map(LocalProcessors::sagaType).filter(type -> type != null)
                        .findFirst().orElse(null);
        }
        return invoker instanceof AbstractSagaManager<?> sagas ? sagas.getSagaType() : null;
    }

    private String sideOf(List<Class<?>> handlerTypes) {
        List<String> sides = new ArrayList<>();
        for (Class<?> type : handlerTypes) {
            Matcher matcher = SIDE_PACKAGE.matcher(type.getName());
            if (matcher.find() && !sides.contains(matcher.group(1))) {
                sides.add(matcher.group(1));
            }
        }
        return sides.size() == 1 ? sides.get(0) : defaultSide;
    }
}
