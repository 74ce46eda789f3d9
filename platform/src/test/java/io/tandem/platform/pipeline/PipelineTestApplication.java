package io.tandem.platform.pipeline;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A projection and a saga that fail on demand, for {@link EventPipelineTest}. */
@SpringBootApplication
class PipelineTestApplication {

    static final String GROUP = "pipeline-notes";
    static final String SAGA_GROUP = "NoteSagaProcessor";

    /** Failures the projection throws before it writes, one per event, while this is above zero. */
    static final AtomicInteger PROJECTION_FAILURES = new AtomicInteger();
    /** A failure the projection throws as is (say, an outage) until it is cleared. */
    static final AtomicReference<RuntimeException> PROJECTION_THROWS = new AtomicReference<>();
    /** How often the projection threw {@link #PROJECTION_THROWS}. */
    static final AtomicInteger PROJECTION_THROWN = new AtomicInteger();
    /** Failures the saga throws after it wrote, one per event, while this is above zero. */
    static final AtomicInteger SAGA_FAILURES = new AtomicInteger();

    record NoteWritten(String id, String text) {
    }

    /** Writes a log row, then the note: a note that PostgreSQL refuses leaves the log row half-written. */
    @Component
    @ProcessingGroup(GROUP)
    static class NoteProjection {

        private final JdbcClient jdbc;

        NoteProjection(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(NoteWritten event) {
            RuntimeException thrown = PROJECTION_THROWS.get();
            if (thrown != null) {
                PROJECTION_THROWN.incrementAndGet();
                throw thrown;
            }
            jdbc.sql("INSERT INTO pipeline_note_log (id, text) VALUES (?, ?)").params(event.id(), event.text())
                .update();
            if (PROJECTION_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("note projection failed on purpose for " + event.id());
            }
            jdbc.sql("INSERT INTO pipeline_note (id, text) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET text = ?")
                .params(event.id(), event.text(), event.text()).update();
        }
    }

    /** Starts on a note, logs it, and may fail after that. */
    @Saga
    public static class NoteSaga {

        @Autowired
        private transient JdbcClient jdbc;
        private String noteId;

        @StartSaga
        @SagaEventHandler(associationProperty = "id")
        void on(NoteWritten event) {
            noteId = event.id();
            jdbc.sql("INSERT INTO pipeline_saga_log (id, text) VALUES (?, ?)").params(event.id(), event.text())
                .update();
            if (SAGA_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("note saga failed on purpose for " + noteId);
            }
        }
    }
}
