package io.tandem.operations.audit.trace;

import io.tandem.operations.audit.index.IndexedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands, never stored, are rebuilt between the events from what each event's metadata says caused it. */
class TraceTreeTest {

    private static final Instant T = Instant.parse("2026-12-06T09:00:00Z");

    private static IndexedEvent event(long position, String id, String aggregateType, String type,
                                      String causationId, String causationType, String commandCauseId,
                                      String commandCauseType, String saga) {
        return new IndexedEvent(position, id, aggregateType, aggregateType + "-1", 0L, type, "x." + type,
                                T.plusSeconds(position), "user-1", "c-1", causationId, causationType, commandCauseId,
                                commandCauseType, saga);
    }

    @Test
    void aRequestsCommandsEventsSagaStepsAndFiredDeadlineFormOneTree() {
        TraceTree tree = new TraceTree("c-1", event(1, "e1", "FlightSchedule", "SeatHeldEvent", "cmd-1",
                                                    "command PlaceBookingCommand", null, null, null));
        List.of(event(1, "e1", "FlightSchedule", "SeatHeldEvent", "cmd-1", "command PlaceBookingCommand", null,
                      null, null),
                event(2, "e2", "Booking", "BookingPlacedEvent", "cmd-1", "command PlaceBookingCommand", null, null,
                      null),
                event(3, "e3", "Booking", "BookingExpiredEvent", "cmd-2", "command ExpireBookingCommand", "dl-1",
                      "deadline payment-deadline", "BookingPaymentSaga s-1"),
                event(4, "e4", "FlightSchedule", "SeatReleasedEvent", "cmd-3", "command ReleaseSeatCommand", "e3",
                      "event BookingExpiredEvent", "BookingPaymentSaga s-1"))
            .forEach(tree::add);

        TraceNode root = tree.root();
        assertThat(root.kind()).isEqualTo("request");
        TraceNode place = root.children().get(0);
        assertThat(place.kind()).isEqualTo("command");
        assertThat(place.name()).isEqualTo("PlaceBookingCommand");
        assertThat(place.children()).extracting(TraceNode::name).containsExactly("SeatHeldEvent", "BookingPlacedEvent");

        TraceNode deadline = root.children().get(1);
        assertThat(deadline.kind()).isEqualTo("deadline");
        assertThat(deadline.name()).isEqualTo("payment-deadline");
        assertThat(deadline.details()).containsEntry("status", "fired");
        TraceNode expired = deadline.children().get(0).children().get(0);
        assertThat(expired.name()).isEqualTo("BookingExpiredEvent");

        TraceNode saga = expired.children().get(0);
        assertThat(saga.kind()).isEqualTo("saga");
        assertThat(saga.name()).isEqualTo("BookingPaymentSaga");
        assertThat(saga.details()).containsEntry("saga_id", "s-1");
        assertThat(saga.children().get(0).name()).isEqualTo("ReleaseSeatCommand");
        assertThat(saga.children().get(0).children().get(0).name()).isEqualTo("SeatReleasedEvent");
        assertThat(tree.sagaNodeOf("BookingPaymentSaga s-1")).contains(saga);
    }
}
