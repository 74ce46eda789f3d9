package io.tandem.platform.replay;

import io.micrometer.core.instrument.Metrics;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;

import java.lang.reflect.Member;
import javax.annotation.Nonnull;

/**
 * Keeps the event handlers of {@link SideEffect} classes from acting on replayed events: such a handler still
 * receives the event (so its processor can be reset and replayed with the rest of its group) and returns without
 * doing anything. Unlike Axon's {@code @DisallowReplay}, which makes a processor whose handlers all disallow replay
 * refuse any reset, this lets an operator reset such a processor, e.g. to the head to skip a backlog.
 * <p>
 * Every skipped event is counted in {@code tandem.replay.side.effects.skipped} (tag {@code handler}), so operators
 * and tests can see the guard at work. Registered through {@code META-INF/services}, so it applies wherever Axon
 * inspects handlers, test fixtures included.
 */
public class SideEffectReplayGuard implements HandlerEnhancerDefinition {

    static final String SKIPPED = "tandem.replay.side.effects.skipped";

    @Override
    public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        Class<?> declaring = original.unwrap(Member.class).map(Member::getDeclaringClass).orElse(null);
        if (declaring == null || !original.canHandleMessageType(EventMessage.class)
                || AnnotationUtils.findAnnotationAttributes(declaring, SideEffect.class).isEmpty()) {
            return original;
        }
        return new Guarded<>(original, declaring.getSimpleName());
    }

    private static final class Guarded<T> extends WrappedMessageHandlingMember<T> {

        private final String handler;

        private Guarded(MessageHandlingMember<T> delegate, String handler) {
            super(delegate);
            this.handler = handler;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            if (ReplayToken.isReplay(message)) {
                Metrics.counter(SKIPPED, "handler", handler).increment();
                return null;
            }
            return super.handle(message, target);
        }
    }
}
