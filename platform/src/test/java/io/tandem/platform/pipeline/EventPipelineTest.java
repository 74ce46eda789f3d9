package io.tandem.platform.pipeline;

import io.tandem.platform.pipeline.PipelineTestApplication.NoteWritten;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tandem.platform.pipeline.PipelineTestApplication.GROUP;
import static io.tandem.platform.pipeline.PipelineTestApplication.PROJECTION_FAILURES;
import static io.tandem.platform.pipeline.PipelineTestApplication.PROJECTION_THROWN;
import static io.tandem.platform.pipeline.PipelineTestApplication.PROJECTION_THROWS;
import static io.tandem.platform.pipeline.PipelineTestApplication.SAGA_FAILURES;
import static io.tandem.platform.pipeline.PipelineTestApplication.SAGA_GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failing event handlers and sagas on a real PostgreSQL: the failing event is parked with what it wrote undone, the
 * processor goes on, retries back off and end parked, a retry that succeeds empties the sequence, and an outage
 * fails the batch instead of parking.
 */
@SpringBootTest(classes = PipelineTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
                properties = {
                        "spring.flyway.locations=classpath:db/migration/axon,classpath:db/migration/pipelinetest",
                        "axon.eventhandling.processors.pipeline-notes.mode=pooled",
                        "axon.eventhandling.processors.pipeline-notes.dlq.enabled=true",
                        "axon.eventhandling.processors.pipeline-notes.token-claim-interval=200",
                        "axon.eventhandling.processors.pipeline-notes.token-claim-interval-time-unit=milliseconds",
                        // the tests retry by hand
                        "tandem.dead-letters.retry-poll-interval=1h",
                        "tandem.security.jwt.secret=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                        "tandem.data-dir=target/pipeline-test-data"})
@ContextConfiguration(initializers = PipelineTestDatabase.class)
class EventPipelineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    EventStore events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeadLetterRetryScheduler retries;

    @AfterEach
    void stopFailing() {
        PROJECTION_FAILURES.set(0);
        PROJECTION_THROWS.set(null);
        PROJECTION_THROWN.set(0);
        SAGA_FAILURES.set(0);
    }

    @Test
    void aRefusedWriteParksItsEventWithItsWritesUndoneAndTheProcessorGoesOn() {
        String poisoned = id();
        String other = id();
        publish(poisoned, 0, "bad\u0000text");
        publish(poisoned, 1, "fine later");
        publish(other, 0, "fine");

        await().atMost(PATIENCE).until(() -> notes(other).equals(List.of("fine")));
        await().atMost(PATIENCE).until(() -> letters(GROUP, poisoned).size() == 2);
        assertThat(notes(poisoned)).as("the later event waits behind the parked one").isEmpty();
        assertThat(rows("pipeline_note_log", poisoned)).as("the half-written log row is undone").isZero();

        Map<String, Object> first = letters(GROUP, poisoned).get(0);
        assertThat(first.get("cause_message").toString()).contains("invalid byte sequence").doesNotContain("\u0000");
        assertThat(first.get("retries")).isEqualTo(0);
        assertThat(first.get("state")).isEqualTo(DeadLetterDiagnostics.RETRYING);
        assertThat(instant(first, "next_retry_at")).isAfter(instant(first, "enqueued_at"));
        assertThat(first.get("last_error").toString()).contains("invalid byte sequence");
        assertThat(letters(GROUP, poisoned).get(1).get("retries")).as("queued behind, not failed").isNull();
    }

    @Test
    void aRetryThatSucceedsHandlesTheWholeSequenceInOrder() {
        String flaky = id();
        PROJECTION_FAILURES.set(1);
        publish(flaky, 0, "first");
        await().atMost(PATIENCE).until(() -> letters(GROUP, flaky).size() == 1);
        publish(flaky, 1, "second");
        await().atMost(PATIENCE).until(() -> letters(GROUP, flaky).size() == 2);

        makeDue(GROUP, flaky);
        assertThat(retries.retryDue()).isPositive();

        assertThat(letters(GROUP, flaky)).isEmpty();
        assertThat(notes(flaky)).containsExactly("second");
        assertThat(rows("pipeline_note_log", flaky)).as("the failed attempt's row undone, then both handled")
                                                    .isEqualTo(2);
    }

    @Test
    void failedRetriesBackOffAndEndParkedForAnOperator() {
        String poisoned = id();
        publish(poisoned, 0, "bad\u0000text");
        await().atMost(PATIENCE).until(() -> letters(GROUP, poisoned).size() == 1);
        assertThat(retries.retryDue()).as("not due yet").isZero();

        Object causeType = letters(GROUP, poisoned).get(0).get("cause_type");
        makeDue(GROUP, poisoned);
        retries.retryDue();
        Map<String, Object> retried = letters(GROUP, poisoned).get(0);
        assertThat(retried.get("retries")).isEqualTo(1);
        assertThat(retried.get("cause_type")).isEqualTo(causeType)
                                             .isEqualTo("org.springframework.dao.DataIntegrityViolationException");
        assertThat(retried.get("state")).isEqualTo(DeadLetterDiagnostics.RETRYING);
        assertThat(instant(retried, "next_retry_at")).isAfter(Instant.now());

        setDiagnostic(GROUP, poisoned, "retries", "7");
        makeDue(GROUP, poisoned);
        retries.retryDue();
        Map<String, Object> parked = letters(GROUP, poisoned).get(0);
        assertThat(parked.get("retries")).isEqualTo(8);
        assertThat(parked.get("state")).isEqualTo(DeadLetterDiagnostics.PARKED);
        assertThat(parked.get("next_retry_at")).isNull();
        makeDue(GROUP, poisoned);
        assertThat(retries.retryDue()).as("only an operator retries it now").isZero();
    }

    @Test
    void anOutageFailsTheBatchUntilTheDatabaseIsBackAndParksNothing() {
        String during = id();
        PROJECTION_THROWS.set(new CannotGetJdbcConnectionException("the database is not answering (simulated)"));
        publish(during, 0, "written once the outage is over");
        await().atMost(PATIENCE).until(() -> PROJECTION_THROWN.get() >= 2);
        assertThat(letters(GROUP, during)).as("handed to the handler again, not parked").isEmpty();

        PROJECTION_THROWS.set(null);
        await().atMost(PATIENCE).until(() -> notes(during).size() == 1);
        assertThat(letters(GROUP, during)).isEmpty();
    }

    @Test
    void aFailedSagaHandlerParksItsEventWithItsWritesUndoneAndLaterSagasStart() {
        String poisoned = id();
        String other = id();
        publish(poisoned, 0, "bad\u0000text");
        publish(other, 0, "fine");

        await().atMost(PATIENCE).until(() -> rows("pipeline_saga_log", other) == 1);
        await().atMost(PATIENCE).until(() -> letters(SAGA_GROUP, "id=" + poisoned).size() == 1);
        assertThat(rows("pipeline_saga_log", poisoned)).isZero();
        assertThat(letters(SAGA_GROUP, "id=" + poisoned).get(0).get("cause_message").toString())
                .contains("invalid byte sequence");
        assertThat(sagas(poisoned)).as("the failed saga was not stored").isZero();
        assertThat(sagas(other)).isEqualTo(1);
    }

    @Test
    void aParkedSagaEventIsRetriedAndTheSagaStarts() {
        String flaky = id();
        SAGA_FAILURES.set(1);
        publish(flaky, 0, "saga fails once");
        await().atMost(PATIENCE).until(() -> letters(SAGA_GROUP, "id=" + flaky).size() == 1);
        assertThat(rows("pipeline_saga_log", flaky)).as("written before the failure, then undone").isZero();

        makeDue(SAGA_GROUP, "id=" + flaky);
        assertThat(retries.retryDue()).isPositive();

        assertThat(letters(SAGA_GROUP, "id=" + flaky)).isEmpty();
        assertThat(sagas(flaky)).isEqualTo(1);
        assertThat(rows("pipeline_saga_log", flaky)).isEqualTo(1);
    }

    private void publish(String noteId, long sequence, String text) {
        events.publish(new GenericDomainEventMessage<>("Note", noteId, sequence, new NoteWritten(noteId, text)));
    }

    private List<String> notes(String noteId) {
        return jdbc.sql("SELECT text FROM pipeline_note WHERE id = ?").param(noteId).query(String.class).list();
    }

    private long rows(String table, String noteId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = ?").param(noteId).query(Long.class).single();
    }

    private long sagas(String noteId) {
        return jdbc.sql("SELECT count(*) FROM associationvalueentry WHERE associationkey = 'id' "
                        + "AND associationvalue = ?").param(noteId).query(Long.class).single();
    }

    private List<Map<String, Object>> letters(String group, String sequence) {
        return jdbc.sql("SELECT * FROM dead_letter_status WHERE processing_group = ? AND sequence_identifier = ? "
                        + "ORDER BY sequence_index").params(group, sequence).query().listOfRows();
    }

    private void makeDue(String group, String sequence) {
        setDiagnostic(group, sequence, "next_retry_at", "\"2000-01-01T00:00:00Z\"");
    }

    /** Changes one key of the diagnostics of the sequence's letters, as if time had passed. */
    private void setDiagnostic(String group, String sequence, String key, String json) {
        jdbc.sql("""
                 UPDATE deadletterentry
                 SET diagnostics = convert_to(jsonb_set(convert_from(diagnostics, 'UTF8')::jsonb,
                                                        ARRAY[?], ?::jsonb)::text, 'UTF8')
                 WHERE processinggroup = ? AND sequenceidentifier = ?
                   AND convert_from(diagnostics, 'UTF8')::jsonb ->> 'state' IS NOT NULL
                 """).params(key, json, group, sequence).update();
    }

    private static Instant instant(Map<String, Object> row, String column) {
        return ((Timestamp) row.get(column)).toInstant();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
