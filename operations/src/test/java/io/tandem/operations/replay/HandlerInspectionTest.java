package io.tandem.operations.replay;

import io.tandem.operations.replay.ProcessorAnatomy.HandlerAnatomy;
import io.tandem.platform.replay.SideEffect;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerInspectionTest {

    record Placed(String id) {
    }

    record Paid(String id) {
    }

    static class Projection {

        @EventHandler
        void on(Placed event) {
        }

        @EventHandler(payloadType = Paid.class)
        void paid() {
        }

        @EventHandler
        @DisallowReplay
        void once(CharSequence event) {
        }

        @ResetHandler
        void reset() {
        }
    }

    @SideEffect("sends postcards")
    static class Postcards {

        @EventHandler
        void on(Placed event, String ignored) {
        }
    }

    @Test
    void readsHandledTypesSkippedHandlersAndResets() {
        HandlerAnatomy projection = HandlerInspection.handler(Projection.class);
        assertThat(projection.handles()).containsExactlyInAnyOrder(Placed.class.getName(), Paid.class.getName(),
                                                                   CharSequence.class.getName());
        assertThat(projection.skippedOnReplay()).containsExactly("once(CharSequence): @DisallowReplay");
        assertThat(projection.sideEffect()).isNull();
        assertThat(projection.resetHandler()).isTrue();
    }

    @Test
    void everyHandlerOfASideEffectClassIsSkippedOnReplay() {
        HandlerAnatomy postcards = HandlerInspection.handler(Postcards.class);
        assertThat(postcards.sideEffect()).isEqualTo("sends postcards");
        assertThat(postcards.skippedOnReplay()).containsExactly("on(Placed): @SideEffect, sends postcards");
        assertThat(postcards.resetHandler()).isFalse();
    }
}
