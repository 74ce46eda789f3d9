package io.tandem.command.file;

import io.tandem.api.RejectedException;
import io.tandem.command.CommandTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Security review M7: two uploads of one owner racing for the last free space. The first has entered its file and
 * not yet committed when the second enters its own; the second must wait for the first's outcome, then be refused,
 * on whichever node it runs (the lock is PostgreSQL's). Driven step by step, so the race is the same every run.
 */
class FileQuotaTest {

    private static final String OWNER = "owner-1";

    private final DataSource database = CommandTestDatabase.dataSource(CommandTestDatabase.FILE_DIRECTORY);
    private final JdbcClient jdbc = JdbcClient.create(database);
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
    private final FileQuota quota = new FileQuota(jdbc, DataSize.ofMegabytes(10));

    @Test
    void ofTwoUploadsRacingForTheLastSpaceTheSecondWaitsForTheFirstAndIsRefused() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            quota.enter("file-1", OWNER, DataSize.ofMegabytes(6).toBytes());
            firstEntered.countDown();
            awaitQuietly(firstMayCommit);
        }));
        awaitQuietly(firstEntered);

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(
                status -> quota.enter("file-2", OWNER, DataSize.ofMegabytes(6).toBytes())));
        // the second is either waiting for the owner's lock, or (were there none) already through
        await().atMost(Duration.ofSeconds(30)).until(() -> second.isDone() || waitingForALock());
        firstMayCommit.countDown();
        first.get();

        Throwable refused = catchThrowable(second::join);
        assertThat(refused).isInstanceOf(CompletionException.class);
        assertThat(refused.getCause()).isInstanceOfSatisfying(RejectedException.class, rejected -> assertThat(
                rejected.rejection().code()).isEqualTo("storage_quota_exceeded"));
        assertThat(jdbc.sql("SELECT file_id FROM file_directory WHERE owner_id = :owner").param("owner", OWNER)
                       .query(String.class).list()).containsExactly("file-1");
    }

    private boolean waitingForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock'").query(Long.class).single() > 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
