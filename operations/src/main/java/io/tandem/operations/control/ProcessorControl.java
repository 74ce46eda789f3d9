package io.tandem.operations.control;

import java.time.Instant;

/**
 * What operators last asked of a processor on every node (a row of {@code ops_processor_control}).
 *
 * @param version counts the changes of state; each node acknowledges the version it applied
 */
public record ProcessorControl(String processor, DesiredState state, long version, String reason,
                               String requestedBy, Instant requestedAt) {

    public enum DesiredState { RUNNING, PAUSED }
}
