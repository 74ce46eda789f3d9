package io.tandem.platform.consistency;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One write of a request, on the thread that makes it: the commands it sends and, once their transactions have
 * committed, the position of the last event they stored and the sequences (aggregates) those events belong to.
 * Commands usually run on this thread, but a retried one runs on the gateway's retry thread, so positions may be
 * recorded from another thread.
 */
final class WriteScope implements AutoCloseable {

    private static final ThreadLocal<WriteScope> CURRENT = new ThreadLocal<>();

    private final Set<String> readModels = ConcurrentHashMap.newKeySet();
    private final Set<String> commandIds = ConcurrentHashMap.newKeySet();
    private final Set<String> sequenceIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastPosition = new AtomicLong(-1);

    private WriteScope() {
    }

    static WriteScope open(String... readModels) {
        WriteScope scope = new WriteScope();
        scope.alsoShow(readModels);
        CURRENT.set(scope);
        return scope;
    }

    /** The write this thread is making, or null. */
    static WriteScope current() {
        return CURRENT.get();
    }

    /** A write nested in this one names read models too: this one waits for them as well. */
    void alsoShow(String... more) {
        readModels.addAll(List.of(more));
    }

    Set<String> readModels() {
        return Set.copyOf(readModels);
    }

    void commandSent(String commandId) {
        commandIds.add(commandId);
    }

    Set<String> commandIds() {
        return Set.copyOf(commandIds);
    }

    boolean sentCommands() {
        return !commandIds.isEmpty();
    }

    /** Events of the write are being stored, in these sequences. */
    void publishing(Set<String> sequences) {
        sequenceIds.addAll(sequences);
    }

    void committed(long position, Set<String> sequences) {
        lastPosition.accumulateAndGet(position, Math::max);
        sequenceIds.addAll(sequences);
    }

    /** The global index of the last event the write committed, or -1 when it committed none (that we saw). */
    long lastPosition() {
        return lastPosition.get();
    }

    Set<String> sequenceIds() {
        return Set.copyOf(sequenceIds);
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }
}
