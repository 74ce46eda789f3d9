package io.tandem.operations.events;

import java.util.Map;

/**
 * How many events of each payload type a range of the event stream holds, for a replay's plan: SQL on the JDBC
 * store, reading the stream on Axon Server.
 */
public interface EventCounts {

    /** Events after {@code after} up to and including {@code upTo}, by serialized payload type (a class name). */
    Map<String, Long> byPayloadType(long after, long upTo);
}
