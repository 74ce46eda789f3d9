package io.tandem.platform.consistency;

import java.util.Optional;

/** Finds out where the events of a finished write are in the event store. */
interface WritePositions {

    /** Called once the write has returned; empty when it stored no events. */
    Optional<WritePosition> of(WriteScope write);

    /** Called once the write is over, whatever its outcome. */
    default void forget(WriteScope write) {
    }
}
