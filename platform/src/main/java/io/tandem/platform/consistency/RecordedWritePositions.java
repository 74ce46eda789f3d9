package io.tandem.platform.consistency;

import io.tandem.platform.axon.events.EventAppendListener;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The exact positions of a write's events, with events in PostgreSQL: a command sent during a write is remembered
 * by its message id; when the event store writes the events of that command's unit of work, this reads back the
 * global index PostgreSQL gave the last of them (same transaction, one index lookup) and records it once the
 * transaction has committed, so a rolled-back attempt, whose indexes stay gaps for ever, is never waited for. A
 * command retried after losing a race keeps its message id, so its successful attempt is recorded too.
 */
final class RecordedWritePositions implements WritePositions, EventAppendListener,
                                              MessageDispatchInterceptor<CommandMessage<?>> {

    private final Map<String, WriteScope> writesByCommand = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final String positionOfEvent;

    RecordedWritePositions(JdbcClient jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.positionOfEvent = "SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable()
                               + " WHERE " + schema.eventIdentifierColumn() + " = ?";
    }

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

    @Override
    public void appended(List<? extends EventMessage<?>> events) {
        WriteScope write = writeOfCurrentWork();
        if (write == null || events.isEmpty()) {
            return;
        }
        long position = jdbc.sql(positionOfEvent)
                            .param(events.get(events.size() - 1).getIdentifier())
                            .query(Long.class)
                            .single();
        Set<String> sequences = events.stream().map(RecordedWritePositions::sequenceId).collect(Collectors.toSet());
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(committed -> write.committed(position, sequences));
        } else {
            write.committed(position, sequences);
        }
    }

    @Override
    public Optional<WritePosition> of(WriteScope write) {
        long position = write.lastPosition();
        return position < 0 ? Optional.empty() : Optional.of(WritePosition.ofWrite(position, write.sequenceIds()));
    }

    @Override
    public void forget(WriteScope write) {
        write.commandIds().forEach(writesByCommand::remove);
    }

    private WriteScope writeOfCurrentWork() {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            Message<?> message = root.getMessage();
            WriteScope write = message == null ? null : writesByCommand.get(message.getIdentifier());
            if (write != null) {
                return write;
            }
        }
        return WriteScope.current();
    }

    /** What Axon's default sequencing policy orders the event by: its aggregate, else the event itself. */
    private static String sequenceId(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier()
                                                                  : event.getIdentifier();
    }
}
