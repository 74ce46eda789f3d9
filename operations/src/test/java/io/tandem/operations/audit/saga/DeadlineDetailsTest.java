package io.tandem.operations.audit.saga;

import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline rows db-scheduler keeps for Axon read back, and nothing else is ever instantiated from them. */
class DeadlineDetailsTest {

    private static byte[] javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSagasDeadlineReadsWithItsScopeAndMetadata() throws IOException {
        DbSchedulerBinaryDeadlineDetails details = new DbSchedulerBinaryDeadlineDetails(
                "payment-deadline", utf8("{\"type\":\"BookingPaymentSaga\",\"identifier\":\"saga-1\"}"),
                "org.axonframework.modelling.saga.SagaScopeDescriptor", null, null, null,
                utf8("{\"correlation_id\":\"c-1\",\"causation_id\":\"e-1\"}"));

        DeadlineDetails read = DeadlineDetails.read(javaSerialized(details)).orElseThrow();
        assertThat(read.name()).isEqualTo("payment-deadline");
        assertThat(read.scopeKind()).isEqualTo("saga");
        assertThat(read.scopeType()).isEqualTo("BookingPaymentSaga");
        assertThat(read.scopeId()).isEqualTo("saga-1");
        assertThat(read.metadata("correlation_id")).isEqualTo("c-1");
    }

    @Test
    void anyOtherClassInTheRowIsRefusedUnread() throws IOException {
        assertThat(DeadlineDetails.read(javaSerialized(new Intruder()))).isEmpty();
        assertThat(Intruder.instantiated).isFalse();
        assertThat(DeadlineDetails.read(utf8("not serialized at all"))).isEmpty();
    }

    static final class Intruder implements Serializable {
        private static boolean instantiated;

        private void readObject(java.io.ObjectInputStream in) {
            instantiated = true;
        }
    }
}
