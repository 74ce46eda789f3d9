package io.tandem.platform.axon.events;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * Told about events the moment the embedded event store has written them, inside the transaction that commits them
 * (or, outside a unit of work, right after their own transaction).
 */
@FunctionalInterface
public interface EventAppendListener {

    void appended(List<? extends EventMessage<?>> events);
}
