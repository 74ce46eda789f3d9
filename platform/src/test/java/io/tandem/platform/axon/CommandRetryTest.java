package io.tandem.platform.axon;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which failed commands the gateway tries again: lost races against another node, and nothing else. */
class CommandRetryTest {

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway = new AxonInfrastructureConfiguration().commandGateway(bus, 5);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aCommandThatLostTheRaceToCreateItsAggregateIsTriedAgain() {
        failFirstWith(new AggregateStreamCreationException("another node created it first"));

        assertThat((String) gateway.sendAndWait("create")).isEqualTo("done");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aCommandThatLostAnOptimisticLockIsTriedAgain() {
        failFirstWith(new ConcurrencyException("another node appended first"));

        assertThat((String) gateway.sendAndWait("change")).isEqualTo("done");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anyOtherFailureIsNot() {
        failFirstWith(new IllegalStateException("a bug"));

        assertThatThrownBy(() -> gateway.sendAndWait("change")).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    private void failFirstWith(RuntimeException failure) {
        bus.subscribe(String.class.getName(), command -> {
            if (attempts.incrementAndGet() == 1) {
                throw failure;
            }
            return "done";
        });
    }
}
