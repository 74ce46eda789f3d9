package io.tandem.operations.audit.chain;

import io.tandem.operations.audit.store.StoredEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain's link format, byte for byte as the README states it, and that one changed byte changes the link. */
class ChainHashTest {

    private static final StoredEvent EVENT = new StoredEvent(42L, "event-1", "Booking", "TD0000000001", 3,
                                                             Instant.parse("2026-12-06T09:00:00.123Z"),
                                                             "io.tandem.Placed", null,
                                                             "{\"amount\":90000}".getBytes(StandardCharsets.UTF_8),
                                                             "{\"user_id\":\"u\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void aLinkIsTheSha256OfThePreviousLinkAndTheEventsLengthPrefixedFields() throws Exception {
        byte[] previous = new byte[32];
        previous[0] = 7;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(previous);
        out.writeLong(42);
        field(out, "event-1".getBytes(StandardCharsets.UTF_8));
        field(out, "Booking".getBytes(StandardCharsets.UTF_8));
        field(out, "TD0000000001".getBytes(StandardCharsets.UTF_8));
        out.writeLong(3);
        out.writeLong(Instant.parse("2026-12-06T09:00:00.123Z").toEpochMilli());
        field(out, "io.tandem.Placed".getBytes(StandardCharsets.UTF_8));
        out.writeInt(-1);
        field(out, EVENT.payload());
        field(out, EVENT.metadata());
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());

        assertThat(new ChainHash().next(previous, EVENT)).isEqualTo(expected);
        assertThat(ChainHash.hex(expected)).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void oneChangedByteOrAnotherPreviousLinkGivesAnotherLink() {
        ChainHash hash = new ChainHash();
        byte[] original = hash.next(ChainHash.GENESIS, EVENT);
        byte[] payload = EVENT.payload().clone();
        payload[12] = '8';
        StoredEvent changed = new StoredEvent(42L, "event-1", "Booking", "TD0000000001", 3, EVENT.timestamp(),
                                              "io.tandem.Placed", null, payload, EVENT.metadata());
        assertThat(hash.next(ChainHash.GENESIS, changed)).isNotEqualTo(original);
        assertThat(hash.next(original, EVENT)).isNotEqualTo(original);
        assertThat(hash.next(ChainHash.GENESIS, EVENT)).isEqualTo(original);
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
