package io.tandem.api.paging;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;

/**
 * Which slice of a list a client asks for: either a page number (0-based, answered with the total count) or a
 * cursor handed out with the previous slice (answered with the next cursor). Lists that offer both take the same
 * request, so clients switch modes without learning a second set of parameters.
 */
public record PageRequest(Integer page, String cursor, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Deeper than this a page number is no way to find anything (and an offset that deep costs a scan). */
    public static final int MAX_OFFSET = 100_000;

    /** Validates raw request parameters; a missing size is {@value #DEFAULT_SIZE}, a missing mode is cursor mode. */
    public static PageRequest of(Integer page, String cursor, Integer size) {
        if (page != null && cursor != null && !cursor.isBlank()) {
            throw new RejectedException(Rejection.invalid("invalid_paging", "Give either page or cursor, not both."));
        }
        if (page != null && page < 0) {
            throw new RejectedException(Rejection.invalid("invalid_paging", "page must be 0 or more."));
        }
        int resolvedSize = size == null ? DEFAULT_SIZE : size;
        if (resolvedSize < 1 || resolvedSize > MAX_SIZE) {
            throw new RejectedException(Rejection.invalid("invalid_paging",
                                                          "size must be between 1 and " + MAX_SIZE + "."));
        }
        if (page != null && (long) page * resolvedSize > MAX_OFFSET) {
            throw new RejectedException(Rejection.invalid(
                    "invalid_paging", "page: at most " + MAX_OFFSET + " items can be paged through; narrow the "
                                      + "list or follow its cursor."));
        }
        return new PageRequest(page, cursor == null || cursor.isBlank() ? null : cursor, resolvedSize);
    }

    /** Cursor-only lists (history, comments) refuse a page number rather than silently ignoring it. */
    public static PageRequest cursorOnly(String cursor, Integer size) {
        return of(null, cursor, size);
    }

    public boolean byPage() {
        return page != null;
    }

    public int offset() {
        return byPage() ? page * size : 0;
    }

    /** The decoded cursor, or null for the first slice. */
    public Cursor after(int expectedValues) {
        return cursor == null ? null : Cursor.decode(cursor, expectedValues);
    }

    /** Asks for one item more than the slice holds, to learn whether a next slice exists. */
    public int probeSize() {
        return size + 1;
    }
}
