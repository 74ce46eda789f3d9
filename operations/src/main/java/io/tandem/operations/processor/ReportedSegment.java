package io.tandem.operations.processor;

import org.axonframework.eventhandling.EventTrackerStatus;

/**
 * One segment as the node working it reports it in its heartbeat (a JSON element of
 * {@code ops_processor_heartbeat.segments}).
 *
 * @param position        the position of the last event handled; null before the first
 * @param resetPosition   during a replay, the position the replay runs up to
 * @param eventsPerSecond positions advanced per second over the sampling window
 * @param unmovedSeconds  how long the position had not moved when reported
 */
record ReportedSegment(int segment, Long position, boolean caughtUp, boolean replaying, Long resetPosition,
                       String errorType, String errorMessage, Double eventsPerSecond, double unmovedSeconds) {

    private static final int MESSAGE_LIMIT = 500;

    static ReportedSegment of(EventTrackerStatus status, SegmentSampler.Measurement measured) {
        Throwable error = status.getError();
        return new ReportedSegment(status.getSegment().getSegmentId(),
                                   status.getCurrentPosition().isPresent()
                                           ? status.getCurrentPosition().getAsLong() : null,
                                   status.isCaughtUp(), status.isReplaying(),
                                   status.getResetPosition().isPresent()
                                           ? status.getResetPosition().getAsLong() : null,
                                   error == null ? null : error.getClass().getName(),
                                   error == null ? null : abbreviate(String.valueOf(error.getMessage())),
                                   measured.eventsPerSecond(), measured.unmovedSeconds());
    }

    private static String abbreviate(String message) {
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + "…";
    }
}
