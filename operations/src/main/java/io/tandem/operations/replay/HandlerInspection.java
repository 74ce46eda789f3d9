package io.tandem.operations.replay;

import io.tandem.operations.node.LocalNode;
import io.tandem.operations.node.LocalProcessor;
import io.tandem.operations.replay.ProcessorAnatomy.HandlerAnatomy;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a local processor's handler classes the way Axon does, by their annotations: which payload types each
 * handles ({@code @EventHandler}, with {@code payloadType} or its first parameter), which handlers skip replayed
 * events ({@code @DisallowReplay}, {@code @AllowReplay(false)}, or every handler of a {@code @SideEffect} class),
 * and which clear their read model on reset ({@code @ResetHandler}).
 */
final class HandlerInspection {

    private HandlerInspection() {
    }

    static ProcessorAnatomy of(LocalProcessor processor, LocalNode node) {
        boolean saga = processor.sagaType() != null;
        List<HandlerAnatomy> handlers = saga ? List.of()
                : processor.handlerTypes().stream().distinct().sorted(Comparator.comparing(Class::getName))
                           .map(HandlerInspection::handler).toList();
        return new ProcessorAnatomy(processor.name(), processor.side(), processor.tokenStore(), node.tokenSchema(),
                                    saga ? processor.sagaType().getName() : null,
                                    !saga && processor.processor().supportsReset(), handlers);
    }

    private static HandlerAnatomy handler(Class<?> type) {
        String sideEffect = AnnotationUtils.findAnnotationAttributes(type, SideEffect.class)
                                           .map(attributes -> String.valueOf(attributes.get("sideEffect")))
                                           .orElse(null);
        boolean classAllowsReplay = allowsReplay(type).orElse(true);
        List<String> handles = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean resetHandler = false;
        for (Method method : methods(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, ResetHandler.class)) {
                resetHandler = true;
                continue;
            }
            Optional<Map<String, Object>> eventHandler = AnnotationUtils.findAnnotationAttributes(method,
                                                                                                  EventHandler.class);
            if (eventHandler.isEmpty() || method.getParameterCount() == 0) {
                continue;
            }
            Class<?> payload = payloadType(method, eventHandler.get());
            if (!handles.contains(payload.getName())) {
                handles.add(payload.getName());
            }
            String described = method.getName() + "(" + payload.getSimpleName() + ")";
            if (sideEffect != null) {
                skipped.add(described + ": @SideEffect, " + sideEffect);
            } else if (!allowsReplay(method).orElse(classAllowsReplay)) {
                skipped.add(described + ": @DisallowReplay");
            }
        }
        return new HandlerAnatomy(type.getName(), List.copyOf(handles), List.copyOf(skipped), sideEffect,
                                  resetHandler);
    }

    private static Class<?> payloadType(Method method, Map<String, Object> eventHandler) {
        Object declared = eventHandler.get("payloadType");
        return declared instanceof Class<?> type && type != Object.class ? type : method.getParameterTypes()[0];
    }

    private static Optional<Boolean> allowsReplay(AnnotatedElement element) {
        return AnnotationUtils.findAnnotationAttributes(element, AllowReplay.class)
                              .map(attributes -> (Boolean) attributes.get("allowReplay"));
    }

    /** The class's methods and its superclasses', in a stable order. */
    private static List<Method> methods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            Arrays.stream(current.getDeclaredMethods()).filter(method -> !method.isSynthetic())
                  .sorted(Comparator.comparing(Method::toGenericString)).forEach(methods::add);
        }
        return methods;
    }
}
