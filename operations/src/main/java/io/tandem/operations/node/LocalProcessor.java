package io.tandem.operations.node;

import org.axonframework.eventhandling.StreamingEventProcessor;

import java.util.List;

/**
 * A tracking or pooled processor running on this node.
 *
 * @param name         the processor's name (its processing group's, unless configured otherwise)
 * @param side         the side whose handlers it runs: command, query or saga
 * @param mode         pooled or tracking
 * @param perNode      its tokens live in memory: every node runs all its segments for itself, from the head
 * @param handlerTypes the classes whose handlers it invokes (the saga class for a saga processor)
 * @param sagaType     the saga class when it is a saga processor, else null
 * @param processor    Axon's processor, to read its status and to stop or start it
 */
public record LocalProcessor(String name, String side, String mode, boolean perNode, List<Class<?>> handlerTypes,
                             Class<?> sagaType, StreamingEventProcessor processor) {

    public static final String POOLED = "pooled";
    public static final String TRACKING = "tracking";

    /** How the board names where its tokens are kept. */
    public String tokenStore() {
        return perNode ? "node" : "shared";
    }
}
