package io.tandem.api;

/**
 * Why a command or query was refused, in a form that survives the trip through Axon Server
 * (it travels as the details of a {@code CommandExecutionException}) and maps onto an HTTP status.
 */
public record Rejection(Kind kind, String code, String detail) {

    public enum Kind {
        INVALID(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_MANY_REQUESTS(429),
        /** Something the answer depends on (a payment provider, say) could not be asked: try again later. */
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status this refusal answers with, on REST and in STOMP error messages alike. */
        public int status() {
            return status;
        }
    }

    public static Rejection invalid(String code, String detail) {
        return new Rejection(Kind.INVALID, code, detail);
    }

    public static Rejection unauthorized(String code, String detail) {
        return new Rejection(Kind.UNAUTHORIZED, code, detail);
    }

    public static Rejection forbidden(String code, String detail) {
        return new Rejection(Kind.FORBIDDEN, code, detail);
    }

    public static Rejection notFound(String code, String detail) {
        return new Rejection(Kind.NOT_FOUND, code, detail);
    }

    public static Rejection conflict(String code, String detail) {
        return new Rejection(Kind.CONFLICT, code, detail);
    }

    public static Rejection tooManyRequests(String code, String detail) {
        return new Rejection(Kind.TOO_MANY_REQUESTS, code, detail);
    }

    public static Rejection unavailable(String code, String detail) {
        return new Rejection(Kind.UNAVAILABLE, code, detail);
    }
}
