package io.tandem.query.couple;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;

import java.util.function.Supplier;

/** Reads a sort value back out of a cursor; one a client tampered with is a 400, never a 500. */
final class CursorValues {

    private CursorValues() {
    }

    static <T> T read(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new RejectedException(Rejection.invalid("invalid_cursor",
                                                          "The cursor is not one this API handed out."));
        }
    }
}
