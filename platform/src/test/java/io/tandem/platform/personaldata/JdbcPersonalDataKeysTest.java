package io.tandem.platform.personaldata;

import io.tandem.testsupport.SharedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key table on a real PostgreSQL, with several instances of the store standing for several nodes. */
class JdbcPersonalDataKeysTest {

    private static final String MIGRATION = "db/migration/personal-data-key/V2026.11.23.1000__personal_data_keys.sql";

    private DriverManagerDataSource database;
    private JdbcClient jdbc;
    private PersonalDataKeys nodeA;
    private PersonalDataKeys nodeB;

    @BeforeEach
    void setUp() throws Exception {
        database = new DriverManagerDataSource(SharedPostgres.newDatabase(), SharedPostgres.USERNAME, "");
        jdbc = JdbcClient.create(database);
        jdbc.sql(new ClassPathResource(MIGRATION).getContentAsString(StandardCharsets.UTF_8)).update();
        nodeA = node("personal_data_key");
        nodeB = node("personal_data_key");
    }

    private PersonalDataKeys node(String table) {
        return new PersonalDataConfiguration().personalDataKeys(
                database, new PersonalDataProperties(table, 100, Duration.ofMinutes(5)));
    }

    @Test
    void nodesCreatingOneSubjectsKeyAtOnceAllGetTheSameKey() throws Exception {
        String subject = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<SecretKey>> attempts = List.of(
                    () -> nodeA.keyToEncrypt(subject).orElseThrow(), () -> nodeB.keyToEncrypt(subject).orElseThrow(),
                    () -> nodeA.keyToEncrypt(subject).orElseThrow(), () -> nodeB.keyToEncrypt(subject).orElseThrow(),
                    () -> node("personal_data_key").keyToEncrypt(subject).orElseThrow(),
                    () -> node("personal_data_key").keyToEncrypt(subject).orElseThrow());
            List<SecretKey> keys = pool.invokeAll(attempts).stream().map(JdbcPersonalDataKeysTest::result).toList();
            assertThat(keys).allSatisfy(key -> assertThat(key.getEncoded()).isEqualTo(keys.get(0).getEncoded()));
            assertThat(keys.get(0).getEncoded()).hasSize(32);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject_id = :id")
                       .param("id", subject).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anErasedKeyIsGoneForEveryNodeAndNeverMadeAgain() {
        String subject = UUID.randomUUID().toString();
        nodeA.keyToEncrypt(subject).orElseThrow();
        nodeB.keyToDecrypt(subject).orElseThrow();

        nodeA.erase(subject);

        assertThat(nodeA.keyToDecrypt(subject)).isEmpty();
        assertThat(nodeA.keyToEncrypt(subject)).isEmpty();
        assertThat(node("personal_data_key").keyToDecrypt(subject)).as("a node that had not cached it").isEmpty();
        assertThat(jdbc.sql("SELECT key IS NULL AND erased_at IS NOT NULL FROM personal_data_key "
                            + "WHERE subject_id = :id").param("id", subject).query(Boolean.class).single())
                .isTrue();
        nodeA.erase(subject);
        assertThat(node("personal_data_key").keyToEncrypt(subject)).as("erasing again changes nothing").isEmpty();
    }

    @Test
    void aSubjectErasedBeforeItHadAKeyNeverGetsOne() {
        String subject = UUID.randomUUID().toString();
        nodeA.erase(subject);
        assertThat(nodeB.keyToEncrypt(subject)).isEmpty();
    }

    @Test
    void anErasureThatRollsBackKeepsTheKey() {
        String subject = UUID.randomUUID().toString();
        SecretKey key = nodeA.keyToEncrypt(subject).orElseThrow();

        new TransactionTemplate(new JdbcTransactionManager(database)).executeWithoutResult(status -> {
            nodeA.erase(subject);
            status.setRollbackOnly();
        });

        assertThat(nodeA.keyToDecrypt(subject).map(SecretKey::getEncoded)).contains(key.getEncoded());
    }

    @Test
    void aKeyMadeInsideAUnitOfWorkThatRollsBackStaysUsable() {
        String subject = UUID.randomUUID().toString();
        SecretKey key = new TransactionTemplate(new JdbcTransactionManager(database)).execute(status -> {
            status.setRollbackOnly();
            return nodeA.keyToEncrypt(subject).orElseThrow();
        });

        assertThat(node("personal_data_key").keyToDecrypt(subject).map(SecretKey::getEncoded))
                .contains(key.getEncoded());
    }

    @Test
    void onlyAnErasedSubjectIsErasedAndAskingNeverMakesAKey() {
        String withoutKey = UUID.randomUUID().toString();
        String withKey = UUID.randomUUID().toString();
        nodeA.keyToEncrypt(withKey).orElseThrow();

        assertThat(nodeA.isErased(withoutKey)).isFalse();
        assertThat(nodeA.isErased(withKey)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject_id = :id").param("id", withoutKey)
                       .query(Long.class).single()).isZero();
        // a subject first seen without a key still gets one when something about them is written
        assertThat(nodeA.keyToEncrypt(withoutKey)).isPresent();

        nodeB.erase(withKey);
        nodeB.erase(withoutKey);
        assertThat(nodeB.isErased(withKey)).isTrue();
        assertThat(nodeB.isErased(withoutKey)).isTrue();
        assertThat(node("personal_data_key").isErased(withKey)).as("a node that had not cached it").isTrue();
    }

    @Test
    void aSubjectWithoutAnyKeyIsAnErrorNotAnErasure() {
        assertThatThrownBy(() -> nodeA.keyToDecrypt(UUID.randomUUID().toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tandem.personal-data.key-table");
    }

    @Test
    void theTableMayLiveInAnotherSchema() throws Exception {
        jdbc.sql("CREATE SCHEMA shared").update();
        jdbc.sql(new ClassPathResource(MIGRATION).getContentAsString(StandardCharsets.UTF_8)
                         .replace("CREATE TABLE personal_data_key", "CREATE TABLE shared.personal_data_key"))
            .update();
        String subject = UUID.randomUUID().toString();

        Optional<SecretKey> key = node("shared.personal_data_key").keyToEncrypt(subject);

        assertThat(key).isPresent();
        assertThat(jdbc.sql("SELECT count(*) FROM shared.personal_data_key WHERE subject_id = :id")
                       .param("id", subject).query(Long.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> node("personal_data_key; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SecretKey result(Future<SecretKey> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
