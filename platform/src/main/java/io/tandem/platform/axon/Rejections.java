package io.tandem.platform.axon;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;
import org.axonframework.messaging.HandlerExecutionException;

import java.util.Optional;

/** Finds the {@link Rejection} behind a failed command or query, whether it was handled here or on another node. */
public final class Rejections {

    private Rejections() {
    }

    public static Optional<Rejection> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HandlerExecutionException handlerFailure
                && handlerFailure.getDetails().orElse(null) instanceof Rejection rejection) {
                return Optional.of(rejection);
            }
            if (cause instanceof RejectedException rejected) {
                return Optional.of(rejected.rejection());
            }
        }
        return Optional.empty();
    }

    public static boolean isNotFound(Throwable failure) {
        return of(failure).map(rejection -> rejection.kind() == Rejection.Kind.NOT_FOUND).orElse(false);
    }
}
