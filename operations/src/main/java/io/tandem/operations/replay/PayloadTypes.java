package io.tandem.operations.replay;

import org.springframework.util.ClassUtils;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether events of a stored payload type reach a processor's handlers: a handler of a type handles that type and
 * its subtypes, as in Axon. Types this node cannot load (an event class since removed) reach no handler.
 */
class PayloadTypes {

    private final ClassLoader classLoader;
    private final Map<String, Optional<Class<?>>> loaded = new ConcurrentHashMap<>();

    PayloadTypes(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    boolean handledBy(String payloadType, List<String> handlerTypes) {
        Optional<Class<?>> payload = load(payloadType);
        return payload.isPresent() && handlerTypes.stream().map(this::load).flatMap(Optional::stream)
                                                  .anyMatch(handled -> handled.isAssignableFrom(payload.get()));
    }

    private Optional<Class<?>> load(String name) {
        return loaded.computeIfAbsent(name, n -> {
            try {
                return Optional.of(ClassUtils.forName(n, classLoader));
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        });
    }
}
