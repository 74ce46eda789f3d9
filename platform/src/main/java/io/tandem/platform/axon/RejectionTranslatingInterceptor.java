package io.tandem.platform.axon;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Turns a refusal into a {@link CommandExecutionException} whose details hold the {@link Rejection}, the only part
 * of an exception Axon Server carries back to the sender. Callers then see the same error whether the command was
 * handled in their own JVM or on another node.
 */
class RejectionTranslatingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (RejectedException e) {
            throw new CommandExecutionException(e.getMessage(), e, e.rejection());
        } catch (AggregateNotFoundException e) {
            throw new CommandExecutionException(e.getMessage(), e, Rejection.notFound("not_found", "No such resource."));
        }
    }
}
