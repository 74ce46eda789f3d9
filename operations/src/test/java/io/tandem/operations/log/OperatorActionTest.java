package io.tandem.operations.log;

import io.tandem.api.operations.OperatorActionCommands.FinishOperatorActionCommand;
import io.tandem.api.operations.OperatorActionCommands.StartOperatorActionCommand;
import io.tandem.api.operations.OperatorActionEvents.OperatorActionFinishedEvent;
import io.tandem.api.operations.OperatorActionEvents.OperatorActionStartedEvent;
import io.tandem.api.operations.OperatorActionOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

class OperatorActionTest {

    private static final Instant STARTED = Instant.parse("2026-12-06T08:00:00Z");
    private static final OperatorActionStartedEvent STARTED_EVENT = new OperatorActionStartedEvent(
            "action-1", "replay", "bookings", "operator-1", "10.0.0.7", Map.of("from", "tail"), "rebuild", STARTED);

    private final AggregateTestFixture<OperatorAction> actions = new AggregateTestFixture<>(OperatorAction.class);

    @Test
    void anActionStartsWithWhoWhereWhatAndWhy() {
        actions.givenCurrentTime(STARTED)
               .when(new StartOperatorActionCommand("action-1", "replay", "bookings", "operator-1", "10.0.0.7",
                                                    Map.of("from", "tail"), "rebuild"))
               .expectEvents(STARTED_EVENT);
    }

    @Test
    void itFinishesOnceWithItsOutcomeAndDuration() {
        actions.given(STARTED_EVENT)
               .andGivenCurrentTime(STARTED.plus(Duration.ofMillis(4250)))
               .when(new FinishOperatorActionCommand("action-1", OperatorActionOutcome.SUCCEEDED, "replayed 12"))
               .expectEvents(new OperatorActionFinishedEvent("action-1", OperatorActionOutcome.SUCCEEDED,
                                                             "replayed 12", STARTED.plus(Duration.ofMillis(4250)),
                                                             4250));
        actions.given(STARTED_EVENT, new OperatorActionFinishedEvent("action-1", OperatorActionOutcome.FAILED,
                                                                     "node died", STARTED, 0))
               .when(new FinishOperatorActionCommand("action-1", OperatorActionOutcome.SUCCEEDED, "again"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void pendingIsNoWayToFinish() {
        actions.given(STARTED_EVENT)
               .when(new FinishOperatorActionCommand("action-1", OperatorActionOutcome.PENDING, null))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }
}
