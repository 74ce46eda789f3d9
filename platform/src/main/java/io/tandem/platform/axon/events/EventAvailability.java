package io.tandem.platform.axon.events;

import org.axonframework.common.Registration;

import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Tells the event streams that asked for it that new events are ready to read. Axon's embedded event store has no
 * such signal of its own: without it a pooled processor that has caught up looks for new events every 500 ms.
 * The store's producer thread reads new events through {@link #announcing(Stream)}, which fires the callbacks once
 * each event is in the store's cache, where the streams read it.
 */
final class EventAvailability {

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();

    Registration register(Runnable callback) {
        callbacks.add(callback);
        return () -> callbacks.remove(callback);
    }

    /** The same stream, announcing each event after whoever consumes the stream has taken it. */
    <T> Stream<T> announcing(Stream<T> events) {
        Spliterator<T> source = events.spliterator();
        Spliterator<T> announcing = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, source.characteristics()
                                                                                          & Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                boolean advanced = source.tryAdvance(action);
                if (advanced) {
                    callbacks.forEach(Runnable::run);
                }
                return advanced;
            }
        };
        return StreamSupport.stream(announcing, false).onClose(events::close);
    }
}
