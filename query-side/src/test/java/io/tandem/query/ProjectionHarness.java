package io.tandem.query;

import io.tandem.testsupport.SharedPostgres;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.ResultMessage;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives projection classes the way their event processor does, without starting the query side: each event as a
 * domain event of its aggregate (sequence numbers counting up per aggregate, a timestamp a second after the last),
 * inside a unit of work, to every projection that handles it. {@link #replay()} resets the projections and hands
 * them the same events again, as a processor reset does, so a test can compare the rows before and after.
 */
public final class ProjectionHarness {

    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
    private final List<EventMessage<?>> history = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = Instant.parse("2026-03-02T00:00:00Z");

    public ProjectionHarness(Object... projections) {
        for (Object projection : projections) {
            this.projections.add(new AnnotationEventHandlerAdapter(projection));
        }
    }

    /**
     * A new, empty database on the shared test PostgreSQL with the query side's tables, migrated by Flyway from
     * {@code db/migration/query} as the query side migrates its own. One connection, for one test class.
     */
    public static JdbcClient migratedDatabase() {
        SingleConnectionDataSource database = new SingleConnectionDataSource(SharedPostgres.newDatabase(),
                                                                             SharedPostgres.USERNAME, "", true);
        Flyway.configure().dataSource(database).locations("classpath:db/migration/query").load().migrate();
        return JdbcClient.create(database);
    }

    /** The aggregate's next event. */
    public ProjectionHarness publish(String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 0L, (last, ignored) -> last + 1);
        clock = clock.plusSeconds(1);
        EventMessage<?> event = new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence, payload, Map.of(),
                                                                UUID.randomUUID().toString(), clock);
        history.add(event);
        deliver(event);
        return this;
    }

    /** When the last event happened, as its handlers saw it. */
    public Instant lastTimestamp() {
        return clock;
    }

    /** The {@code index}-th event published so far (0 is the first) once more, as an at-least-once processor may. */
    public void redeliver(int index) {
        deliver(history.get(index));
    }

    /** Resets every projection, then hands them every event published so far again, in the same order. */
    public void replay() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
        history.forEach(this::deliver);
    }

    private void deliver(EventMessage<?> event) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            if (projection.canHandle(event)) {
                ResultMessage<?> result = DefaultUnitOfWork.startAndGet(event)
                                                           .executeWithResult(() -> projection.handle(event));
                if (result.isExceptional()) {
                    throw new IllegalStateException(event.getPayloadType().getSimpleName() + " failed in "
                                                    + projection.getTargetType().getSimpleName(),
                                                    result.exceptionResult());
                }
            }
        }
    }
}
