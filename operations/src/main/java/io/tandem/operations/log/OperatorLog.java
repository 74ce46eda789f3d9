package io.tandem.operations.log;

import io.tandem.api.RejectedException;
import io.tandem.api.operations.OperatorActionCommands.FinishOperatorActionCommand;
import io.tandem.api.operations.OperatorActionCommands.StartOperatorActionCommand;
import io.tandem.api.operations.OperatorActionOutcome;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operator log's one entry point: every feature that lets an operator change something records it here, as
 * events of an {@code OperatorAction} aggregate (who, when, from where, with which parameters, why, how it ended and
 * how long it took), listed at {@code GET /api/admin/operations}.
 * <p>
 * An action that ends within its request goes through {@link #run}; one that goes on (a replay, a rebuild) is
 * {@link #begin begun} by the request and {@link #finish finished} by whichever node completes it.
 */
public class OperatorLog {

    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";
    public static final String REPLAY = "replay";
    public static final String REBUILD = "rebuild";
    public static final String SWITCH = "switch";
    public static final String ROLLBACK = "rollback";
    public static final String RETRY = "retry";
    public static final String EVICT = "evict";
    public static final String DEADLINE_CHANGE = "deadline-change";

    private static final int DETAIL_LIMIT = 2000;

    private final CommandGateway commands;
    private final String nodeId;

    public OperatorLog(CommandGateway commands, String nodeId) {
        this.commands = commands;
        this.nodeId = nodeId;
    }

    /**
     * An action as an operator asked for it.
     *
     * @param action     what is done: one of this class's constants, or a new verb of a new feature
     * @param target     what it is done to (a processor, a projection, a dead-letter sequence)
     * @param parameters the request's parameters as text, e.g. {@code from=tail}
     * @param reason     the operator's reason; every action needs one
     */
    public record Action(String action, String target, Map<String, String> parameters, String reason) {

        public Action {
            parameters = Map.copyOf(parameters);
        }
    }

    /**
     * Records that the signed-in operator of the current request (or, outside a request, this node) started the
     * action, and answers the action's id for {@link #finish}.
     */
    public String begin(Action action) {
        String actionId = UUID.randomUUID().toString();
        commands.sendAndWait(new StartOperatorActionCommand(actionId, action.action(), action.target(), actor(),
                                                            clientAddress(), action.parameters(), action.reason()));
        return actionId;
    }

    /** Records how a begun action ended; finishing it again (another node completing a plan) changes nothing. */
    public void finish(String actionId, OperatorActionOutcome outcome, String detail) {
        commands.sendAndWait(new FinishOperatorActionCommand(actionId, outcome, abbreviate(detail)));
    }

    /**
     * Runs an action that ends within the request and records it: succeeded with {@code detail} of the result,
     * refused when it throws a {@link RejectedException} (unknown target, conflict), failed on anything else. The
     * exception still reaches the caller.
     */
    public <T> T run(Action action, Supplier<T> work, Function<? super T, String> detail) {
        String actionId = begin(action);
        T result;
        try {
            result = work.get();
        } catch (RejectedException e) {
            finishAfterFailure(actionId, OperatorActionOutcome.REFUSED,
                               e.rejection().code() + ": " + e.rejection().detail(), e);
            throw e;
        } catch (RuntimeException e) {
            finishAfterFailure(actionId, OperatorActionOutcome.FAILED, e.toString(), e);
            throw e;
        }
        finish(actionId, OperatorActionOutcome.SUCCEEDED, detail.apply(result));
        return result;
    }

    private void finishAfterFailure(String actionId, OperatorActionOutcome outcome, String detail,
                                    RuntimeException failure) {
        try {
            finish(actionId, outcome, detail);
        } catch (RuntimeException unrecorded) {
            failure.addSuppressed(unrecorded);
        }
    }

    private String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt.getSubject();
        }
        return "node:" + nodeId;
    }

    /** The client's address as the web server sees it (behind the gateway: from its trusted X-Forwarded-For). */
    private static String clientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr() : null;
    }

    private static String abbreviate(String detail) {
        return detail == null || detail.length() <= DETAIL_LIMIT ? detail
                : detail.substring(0, DETAIL_LIMIT - 1) + "…";
    }
}
