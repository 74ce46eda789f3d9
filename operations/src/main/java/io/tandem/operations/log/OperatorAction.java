package io.tandem.operations.log;

import io.tandem.api.operations.OperatorActionCommands.FinishOperatorActionCommand;
import io.tandem.api.operations.OperatorActionCommands.StartOperatorActionCommand;
import io.tandem.api.operations.OperatorActionEvents.OperatorActionFinishedEvent;
import io.tandem.api.operations.OperatorActionEvents.OperatorActionStartedEvent;
import io.tandem.api.operations.OperatorActionOutcome;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Duration;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One operator action in the operator log: started once, finished once. A plan that finishes its action again after
 * a node took it over changes nothing, so the log keeps the first outcome.
 */
class OperatorAction {

    @AggregateIdentifier
    private String actionId;
    private Instant startedAt;
    private boolean finished;

    OperatorAction() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    OperatorAction(StartOperatorActionCommand command) {
        apply(new OperatorActionStartedEvent(command.actionId(), command.action(), command.target(),
                                             command.actorId(), command.clientAddress(), command.parameters(),
                                             command.reason(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(FinishOperatorActionCommand command) {
        if (finished || command.outcome() == OperatorActionOutcome.PENDING) {
            return;
        }
        Instant finishedAt = GenericEventMessage.clock.instant();
        apply(new OperatorActionFinishedEvent(actionId, command.outcome(), command.detail(), finishedAt,
                                              Duration.between(startedAt, finishedAt).toMillis()));
    }

    @EventSourcingHandler
    void on(OperatorActionStartedEvent event) {
        actionId = event.actionId();
        startedAt = event.startedAt();
    }

    @EventSourcingHandler
    void on(OperatorActionFinishedEvent event) {
        finished = true;
    }
}
