package io.tandem.platform.consistency;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.Map;

/**
 * The committed tokens of a processor's segments, read from the token table without claiming them: how far the
 * segments that other nodes own have got.
 */
final class StoredTokens {

    private static final Logger log = LoggerFactory.getLogger(StoredTokens.class);

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final String query;

    StoredTokens(JdbcClient jdbc, Serializer serializer, TokenSchema schema) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.query = "SELECT " + schema.segmentColumn() + " AS segment, " + schema.tokenColumn() + " AS token, "
                     + schema.tokenTypeColumn() + " AS token_type FROM " + schema.tokenTable()
                     + " WHERE " + schema.processorNameColumn() + " = ?";
    }

    /** Segment id to its token (null for a segment that has none yet). */
    Map<Integer, TrackingToken> of(String processor) {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.sql(query).param(processor).query(rs -> {
            tokens.put(rs.getInt("segment"), deserialize(processor, rs.getBytes("token"), rs.getString("token_type")));
        });
        return tokens;
    }

    private TrackingToken deserialize(String processor, byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        try {
            return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class,
                                                                       new SimpleSerializedType(type, null)));
        } catch (RuntimeException e) {
            log.warn("Cannot read a {} token of type {}", processor, type, e);
            return null;
        }
    }
}
