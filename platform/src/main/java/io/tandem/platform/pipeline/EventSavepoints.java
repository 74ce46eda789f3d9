package io.tandem.platform.pipeline;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;

/**
 * Savepoints around the handling of one event inside a processor's batch transaction. On PostgreSQL a failed
 * statement aborts the whole transaction, so without them a handler's failure would also fail the dead letter that
 * parks the event, the token update and every other event of the batch. Rolling back to the savepoint undoes exactly
 * what the failing event wrote and leaves the transaction usable.
 */
public final class EventSavepoints {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
    /** The savepoints open on this thread, innermost first. */
    private static final ThreadLocal<Deque<TransactionStatus>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final PlatformTransactionManager transactions;

    EventSavepoints(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    /**
     * Runs {@code work} inside a savepoint of the current transaction: released when it returns, rolled back when
     * it throws. Without a transaction it just runs.
     */
    public <T> T call(Callable<T> work) throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.call();
        }
        TransactionStatus savepoint = transactions.getTransaction(NESTED);
        OPEN.get().push(savepoint);
        try {
            T result = work.call();
            if (!savepoint.isCompleted()) {
                transactions.commit(savepoint);
            }
            return result;
        } catch (Exception | Error failure) {
            rollBack(savepoint, failure);
            throw failure;
        } finally {
            OPEN.get().remove(savepoint);
        }
    }

    /**
     * Undoes what the event being handled on this thread wrote so far; the savepoint it ran in is then spent. The
     * dead-letter policy calls it before parking an event, so the dead letter is written in a usable transaction
     * and no half of the failed event's changes commits with it.
     */
    void rollBackCurrent() {
        TransactionStatus current = OPEN.get().peek();
        if (current != null && !current.isCompleted()) {
            transactions.rollback(current);
        }
    }

    private void rollBack(TransactionStatus savepoint, Throwable failure) {
        if (savepoint.isCompleted()) {
            return;
        }
        try {
            transactions.rollback(savepoint);
        } catch (RuntimeException rollbackFailure) {
            // the connection is gone too: the batch fails as a whole and its transaction rolls back
            failure.addSuppressed(rollbackFailure);
        }
    }
}
