package io.tandem.operations.processor;

import io.tandem.operations.OperationsTables;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * A side's {@code tokenentry}, read with the serializer Axon's token store writes it with: where each segment of
 * each processor stands, who claims it, and whether it is replaying.
 */
public class TokenTable {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    TokenTable(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * A row of a side's {@code tokenentry}.
     *
     * @param schema        the schema of the side that keeps it
     * @param owner         the node that claims the segment (its {@code pid@host}); null while unclaimed
     * @param position      the position of the last event handled; null before the first
     * @param replaying     the token is a replay token: the segment has not reached where it stood at the reset
     * @param resetPosition during a replay, the position the segment stood at when it was reset
     * @param updatedAt     when its owner last stored or extended it
     */
    public record StoredToken(String schema, String processor, int segment, String owner, Long position,
                              boolean replaying, Long resetPosition, Instant updatedAt) {
    }

    /** Every processor's tokens in the schema (Axon's {@code __config} row left out). */
    public List<StoredToken> all(String schema) {
        return jdbc.sql("SELECT processorname, segment, token, tokentype, owner, timestamp FROM "
                        + OperationsTables.inSchema(schema, "tokenentry") + " WHERE processorname <> '__config'")
                   .query((row, n) -> token(schema, row))
                   .list();
    }

    /** One processor's tokens in the schema, by segment. */
    public List<StoredToken> of(String schema, String processor) {
        return jdbc.sql("SELECT processorname, segment, token, tokentype, owner, timestamp FROM "
                        + OperationsTables.inSchema(schema, "tokenentry")
                        + " WHERE processorname = ? ORDER BY segment")
                   .param(processor)
                   .query((row, n) -> token(schema, row))
                   .list();
    }

    private StoredToken token(String schema, ResultSet row) throws SQLException {
        byte[] bytes = row.getBytes(3);
        String type = row.getString(4);
        TrackingToken token = bytes == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        OptionalLong resetAt = token == null ? OptionalLong.empty() : ReplayToken.getTokenAtReset(token);
        String updated = row.getString(6);
        return new StoredToken(schema, row.getString(1), row.getInt(2), row.getString(5),
                               position.isPresent() ? position.getAsLong() : null, ReplayToken.isReplay(token),
                               resetAt.isPresent() ? resetAt.getAsLong() : null,
                               updated == null ? null : DateTimeUtils.parseInstant(updated));
    }
}
