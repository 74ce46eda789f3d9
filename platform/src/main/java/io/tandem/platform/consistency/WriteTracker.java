package io.tandem.platform.consistency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Which write a unit of work belongs to: a command sent while a write is open ({@link WriteScope}) is remembered
 * by its message id, so the unit of work that handles it, on this thread or on the gateway's retry thread, finds
 * the write by its root message. A retried command keeps its message id.
 */
final class WriteTracker implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final Map<String, WriteScope> writesByCommand = new ConcurrentHashMap<>();

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            WriteScope write = WriteScope.current();
            if (write != null) {
                write.commandSent(command.getIdentifier());
                writesByCommand.put(command.getIdentifier(), write);
            }
            return command;
        };
    }

    /** The write the current unit of work (or, outside one, this thread) is part of, or null. */
    WriteScope writeOfCurrentWork() {
        if (CurrentUnitOfWork.isStarted()) {
            Message<?> root = CurrentUnitOfWork.get().root().getMessage();
            WriteScope write = root == null ? null : writesByCommand.get(root.getIdentifier());
            if (write != null) {
                return write;
            }
        }
        return WriteScope.current();
    }

    void forget(WriteScope write) {
        write.commandIds().forEach(writesByCommand::remove);
    }

    /** What Axon's default sequencing policy orders an event by: its aggregate, else the event itself. */
    static String sequenceId(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier()
                                                                  : event.getIdentifier();
    }
}
