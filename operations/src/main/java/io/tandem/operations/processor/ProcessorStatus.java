package io.tandem.operations.processor;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A processor's state on the board, worst first: what an operator should look at. */
public enum ProcessorStatus {
    /** a segment reports an error on some node */
    ERROR,
    /** operators paused it */
    PAUSED,
    /** a segment behind the head has not moved for {@code tandem.operations.stall-after} */
    STALLED,
    /** a segment is replaying past events */
    REPLAYING,
    RUNNING;

    @JsonValue
    String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
