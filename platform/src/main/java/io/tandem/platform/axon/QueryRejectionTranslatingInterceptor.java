package io.tandem.platform.axon;

import io.tandem.api.RejectedException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryMessage;

/** The query-side twin of {@link RejectionTranslatingInterceptor}: refusals travel as exception details. */
class QueryRejectionTranslatingInterceptor implements MessageHandlerInterceptor<QueryMessage<?, ?>> {

    @Override
    public Object handle(UnitOfWork<? extends QueryMessage<?, ?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (RejectedException e) {
            throw new QueryExecutionException(e.getMessage(), e, e.rejection());
        }
    }
}
