package io.tandem.operations.audit.chain;

import io.tandem.operations.audit.store.StoredEvent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link of the hash chain over stored events (README "Tamper evidence"):
 * <pre>
 * h_i = SHA-256( h_(i-1) ‖ position ‖ event id ‖ aggregate type ‖ aggregate id ‖ sequence number ‖ timestamp
 *                ‖ payload type ‖ payload revision ‖ payload ‖ metadata )
 * </pre>
 * with h_0 = 32 zero bytes; position, sequence number and timestamp (epoch milliseconds) as 8-byte big-endian
 * numbers; every other field as a 4-byte big-endian length (-1 for null) then its bytes (text in UTF-8, payload and
 * metadata exactly as stored). Lengths keep fields from running into each other, so no two different events hash
 * alike. Over stored bytes, so crypto-shredding (which destroys keys, never bytes) keeps the chain valid.
 */
public final class ChainHash {

    public static final int LENGTH = 32;
    public static final byte[] GENESIS = new byte[LENGTH];

    private final MessageDigest digest;
    private final ByteBuffer numbers = ByteBuffer.allocate(8);

    public ChainHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The link after {@code previous} for this event. Not thread-safe: one instance per thread. */
    public byte[] next(byte[] previous, StoredEvent event) {
        digest.reset();
        digest.update(previous);
        number(event.globalPosition());
        text(event.eventId());
        text(event.aggregateType());
        text(event.aggregateId());
        number(event.sequenceNumber());
        number(event.timestamp().toEpochMilli());
        text(event.payloadType());
        text(event.payloadRevision());
        bytes(event.payload());
        bytes(event.metadata());
        return digest.digest();
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private void number(long value) {
        numbers.clear();
        digest.update(numbers.putLong(value).array());
    }

    private void text(String value) {
        bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] value) {
        numbers.clear();
        digest.update(numbers.putInt(value == null ? -1 : value.length).array(), 0, 4);
        if (value != null) {
            digest.update(value);
        }
    }
}
