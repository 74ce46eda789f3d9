package io.tandem.platform.replay;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event handler class that acts on the world outside its own read model: it sends notifications, deletes stored
 * files, calls a payment provider, pushes to connected clients. Its handlers never run for events a processor
 * replays ({@link SideEffectReplayGuard}); they run for every new event, also while the rest of the processor
 * replays. The operations console lists such handlers in a replay's plan and replays their processor only when the
 * operator forces it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SideEffect {

    /** What the handler does outside, for the replay plan: e.g. {@code "sends notifications"}. */
    String value();
}
