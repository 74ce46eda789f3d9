package io.tandem.api.operations;

import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Recording what operators do (pause, resume, replay, rebuild, retry, evict, ...) in the operator log. */
public final class OperatorActionCommands {

    private OperatorActionCommands() {
    }

    /**
     * An operator started an action.
     *
     * @param action        what was done, e.g. {@code pause}, {@code replay}
     * @param target        what it was done to, e.g. a processor's name
     * @param actorId       the operator's user id, or a node's name for what a node does on its own
     * @param clientAddress where the request came from; null when no request did
     * @param parameters    the request's parameters as text
     */
    public record StartOperatorActionCommand(@TargetAggregateIdentifier String actionId, String action,
                                             String target, @DataSubject String actorId,
                                             @PersonalData String clientAddress, Map<String, String> parameters,
                                             String reason) {
    }

    /** The action ended; a second finish of the same action changes nothing. */
    public record FinishOperatorActionCommand(@TargetAggregateIdentifier String actionId,
                                              OperatorActionOutcome outcome, String detail) {
    }
}
