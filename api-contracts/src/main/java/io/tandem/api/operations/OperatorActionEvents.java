package io.tandem.api.operations;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;

import java.time.Instant;
import java.util.Map;

/** The operator log, event-sourced: one {@code OperatorAction} aggregate per action. */
public final class OperatorActionEvents {

    private OperatorActionEvents() {
    }

    /** The client address is personal data of the operator: it reads as null once they are erased. */
    public record OperatorActionStartedEvent(String actionId, String action, String target,
                                             @DataSubject String actorId, @PersonalData String clientAddress,
                                             Map<String, String> parameters, String reason, Instant startedAt) {
    }

    public record OperatorActionFinishedEvent(String actionId, OperatorActionOutcome outcome, String detail,
                                              Instant finishedAt, long durationMillis) {
    }
}
