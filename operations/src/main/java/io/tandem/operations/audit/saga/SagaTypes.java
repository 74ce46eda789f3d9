package io.tandem.operations.audit.saga;

import org.axonframework.config.Configuration;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which sagas this node runs handle which events, read from their {@link SagaEventHandler} methods: the tracer uses
 * it to show a saga at each event it reacted to (even after the saga ended and left the saga store), with the
 * association that routed the event to it. A node without saga classes (the command side in services mode) knows
 * none and shows only what the metadata and the saga store say.
 */
public class SagaTypes {

    private final Supplier<Configuration> axon;
    private final ClassLoader loader;
    private final Map<String, List<SagaStep>> stepsByPayloadType = new ConcurrentHashMap<>();
    private volatile List<SagaStep> all;

    public SagaTypes(Supplier<Configuration> axon, ClassLoader loader) {
        this.axon = axon;
        this.loader = loader;
    }

    /** The saga handlers for an event of this payload class. */
    public List<SagaStep> handling(String payloadType) {
        return stepsByPayloadType.computeIfAbsent(payloadType, name -> {
            Class<?> payload;
            try {
                payload = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return List.of();
            }
            return steps().stream().filter(step -> step.payload().isAssignableFrom(payload)).toList();
        });
    }

    private List<SagaStep> steps() {
        List<SagaStep> known = all;
        if (known == null) {
            known = new ArrayList<>();
            for (SagaConfiguration<?> saga : axon.get().eventProcessingConfiguration().sagaConfigurations()) {
                for (Method method : saga.type().getDeclaredMethods()) {
                    SagaEventHandler handler = method.getAnnotation(SagaEventHandler.class);
                    if (handler == null || method.getParameterCount() == 0) {
                        continue;
                    }
                    Class<?> payload = handler.payloadType() != Object.class ? handler.payloadType()
                                                                             : method.getParameterTypes()[0];
                    known.add(new SagaStep(saga.type().getSimpleName(), saga.type().getName(), payload,
                                           handler.associationProperty(),
                                           handler.keyName().isEmpty() ? handler.associationProperty()
                                                                       : handler.keyName(),
                                           method.isAnnotationPresent(StartSaga.class),
                                           method.isAnnotationPresent(EndSaga.class)));
                }
            }
            all = known;
        }
        return known;
    }

    /**
     * One saga handler.
     *
     * @param associationProperty the event's property whose value routes it to the saga instance
     * @param associationKey      the key that value is associated under
     */
    public record SagaStep(String sagaType, String sagaClass, Class<?> payload, String associationProperty,
                           String associationKey, boolean starts, boolean ends) {
    }
}
