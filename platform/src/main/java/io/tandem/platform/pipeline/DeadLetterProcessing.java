package io.tandem.platform.pipeline;

import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Optional;

/**
 * Tells a handler whether it runs for a processor's batch or for the retry of a dead letter. A retry runs in a
 * unit of work of its own that holds the letter (Axon's convention, which the saga retries follow too), nested in
 * one that claims and evicts letters.
 */
public final class DeadLetterProcessing {

    private static final String LETTER = DeadLetter.class.getName();

    private DeadLetterProcessing() {
    }

    /** Whether the current unit of work retries a dead letter. */
    public static boolean inProgress() {
        return CurrentUnitOfWork.isStarted() && letterUnitOfWork(CurrentUnitOfWork.get()).isPresent();
    }

    /**
     * The unit of work that work done once per batch (say, one bulk write before commit) belongs to: the retried
     * letter's own, so that its failure requeues just that letter, or else the processor's batch.
     */
    public static UnitOfWork<?> batchUnitOfWork() {
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        return letterUnitOfWork(current).orElseGet(current::root);
    }

    private static Optional<UnitOfWork<?>> letterUnitOfWork(UnitOfWork<?> unitOfWork) {
        for (UnitOfWork<?> level = unitOfWork; level != null; level = level.parent().orElse(null)) {
            if (level.resources().containsKey(LETTER)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
