package io.tandem.operations.replay;

import io.tandem.operations.OperationsTables;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.OptionalLong;

/**
 * The dead letters a replay makes moot: those of events the replay handles again, i.e. stored after the start
 * position. They are cleared in the reset's transaction; letters of older events stay in the queue.
 */
class ReplayDeadLetters {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    ReplayDeadLetters(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    long count(String schema, String processor, long startPosition) {
        return moot(schema, processor, startPosition).size();
    }

    long clear(String schema, String processor, long startPosition) {
        List<String> ids = moot(schema, processor, startPosition);
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM " + OperationsTables.inSchema(schema, "deadletterentry")
                     + " WHERE deadletteridentifier = ANY (?)")
                .param(ids.toArray(String[]::new)).update();
        }
        return ids.size();
    }

    /** A letter without a readable position is for an event the replay cannot place: it stays. */
    private List<String> moot(String schema, String processor, long startPosition) {
        return jdbc.sql("SELECT deadletteridentifier, token, tokentype FROM "
                        + OperationsTables.inSchema(schema, "deadletterentry") + " WHERE processinggroup = ?")
                   .param(processor)
                   .query((row, n) -> position(row.getBytes(2), row.getString(3)) > startPosition
                           ? row.getString(1) : null)
                   .list().stream().filter(id -> id != null).toList();
    }

    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return Long.MIN_VALUE;
        }
        TrackingToken read = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        OptionalLong position = read == null ? OptionalLong.empty() : read.position();
        return position.orElse(Long.MIN_VALUE);
    }
}
