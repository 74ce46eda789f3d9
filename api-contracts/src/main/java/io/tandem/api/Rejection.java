package io.tandem.api;

/**
 * Why a command or query was refused, in a form that survives the trip through Axon Server
 * (it travels as the details of a {@code CommandExecutionException}) and maps onto an HTTP status.
 */
public record Rejection(Kind kind, String code, String detail) {

    public enum Kind { INVALID, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT }

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
}
