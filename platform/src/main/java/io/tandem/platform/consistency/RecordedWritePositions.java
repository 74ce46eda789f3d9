package io.tandem.platform.consistency;

import io.tandem.platform.axon.events.EventAppendListener;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The exact positions of a write's events, with events in PostgreSQL: when the event store writes the events of a
 * unit of work that belongs to a write ({@link WriteTracker}), this reads back the global index PostgreSQL gave the
 * last of them (same transaction, one index lookup) and records it once the transaction has committed, so a
 * rolled-back attempt, whose indexes stay gaps for ever, is never waited for.
 */
final class RecordedWritePositions implements WritePositions, EventAppendListener {

    private final WriteTracker tracker;
    private final JdbcClient jdbc;
    private final String positionOfEvent;

    RecordedWritePositions(WriteTracker tracker, JdbcClient jdbc, EventSchema schema) {
        this.tracker = tracker;
        this.jdbc = jdbc;
        this.positionOfEvent = "SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable()
                               + " WHERE " + schema.eventIdentifierColumn() + " = ?";
    }

    @Override
    public void appended(List<? extends EventMessage<?>> events) {
        WriteScope write = tracker.writeOfCurrentWork();
        if (write == null || events.isEmpty()) {
            return;
        }
        long position = jdbc.sql(positionOfEvent)
                            .param(events.get(events.size() - 1).getIdentifier())
                            .query(Long.class)
                            .single();
        Set<String> sequences = events.stream().map(WriteTracker::sequenceId).collect(Collectors.toSet());
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
        tracker.forget(write);
    }
}
