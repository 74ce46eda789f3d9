package io.tandem.saga;

import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.Role;
import io.tandem.testsupport.TandemTestServers;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What Axon keeps where, and in which format: checked on a real PostgreSQL migrated by Flyway. */
@SpringBootTest(classes = SagaOrchestratorApplication.class)
@ActiveProfiles({SagaOrchestratorApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class AxonStorageTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    SagaStore<?> sagaStore;
    @Autowired
    EventStorageEngine eventStorageEngine;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void tokensSagasEventsAndDeadlinesLiveInPostgres() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
        assertThat(eventStorageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void aScheduledDeadlineIsARowThatOutlivesTheProcess() {
        String deadlineId = deadlineManager.schedule(Duration.ofHours(2), "reminder", "payload",
                                                     new AggregateScopeDescriptor("Plan", "plan-1"));
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance LIKE :id")
                       .param("id", "%" + deadlineId + "%").query(Long.class).single()).isEqualTo(1);
        deadlineManager.cancelSchedule("reminder", deadlineId);
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance LIKE :id")
                       .param("id", "%" + deadlineId + "%").query(Long.class).single()).isZero();
    }

    @Test
    void binaryColumnsAreByteaNeverLargeObjects() {
        assertThat(jdbc.sql("""
                            SELECT count(*) FROM information_schema.columns
                            WHERE table_schema = current_schema() AND data_type = 'oid'
                            """).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                            SELECT data_type FROM information_schema.columns
                            WHERE table_schema = current_schema() AND table_name = 'domainevententry'
                              AND column_name = 'payload'
                            """).query(String.class).single()).isEqualTo("bytea");
    }

    @Test
    void theGlobalIndexHasASequenceOfItsOwnThatCountsByOne() {
        String sequence = jdbc.sql("SELECT pg_get_serial_sequence('domainevententry', 'globalindex')")
                              .query(String.class).single();
        assertThat(sequence).endsWith("domainevententry_globalindex_seq");
        assertThat(jdbc.sql("SELECT increment_by FROM pg_sequences WHERE schemaname || '.' || sequencename = :seq")
                       .param("seq", sequence).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void storedJsonKeepsJavaNamesWhateverTheWebJsonSettings() {
        SerializedObject<byte[]> stored = eventSerializer.serialize(
                new UserSignedUpEvent("u-1", "a@b.c", null, "A", Role.USER, null, null), byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"userId\":\"u-1\"").doesNotContain("user_id");
        UserSignedUpEvent back = eventSerializer.deserialize(stored);
        assertThat(back.userId()).isEqualTo("u-1");
        assertThat(back.role()).isEqualTo(Role.USER);
    }
}
