package io.tandem.operations.control;

/**
 * Something that holds a processor's control for a while (a replay plan pauses and resumes it itself): operators
 * may not pause or resume the processor meanwhile.
 */
public interface ControlGuard {

    /** Throws a {@code RejectedException} (409) while the processor's control is held. */
    void requireFree(String processor);
}
