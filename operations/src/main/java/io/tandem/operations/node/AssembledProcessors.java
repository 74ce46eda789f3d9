package io.tandem.operations.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Processors this node assembled at run time rather than configured (a projection rebuild's shadow processor): they
 * are listed with the configured ones, so the heartbeat reports them and the board shows them.
 */
public final class AssembledProcessors {

    private final Map<String, LocalProcessor> byName = new ConcurrentHashMap<>();

    public void add(LocalProcessor processor) {
        byName.put(processor.name(), processor);
    }

    public void remove(String name) {
        byName.remove(name);
    }

    List<LocalProcessor> all() {
        return List.copyOf(byName.values());
    }
}
